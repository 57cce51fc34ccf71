//! Entry point of the web app: everything lives in the library so that tests can reach it.

fn main() {
    nianbao::start();
}
