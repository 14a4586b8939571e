fn main() {
    concord::start();
}
