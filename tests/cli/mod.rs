mod entities;
mod errors;
mod index;
mod search;
mod show;
mod topics;
mod update;
mod util;
