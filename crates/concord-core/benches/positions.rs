//! Prints the positions extractor's precision and recall by stance on the labelled set
//! (`tests/positions/labelled.txt`), and with CONCORD_BENCH_VERBOSE=1 every wrong find and
//! miss. `make bench-positions` runs it. Not timed: a quality figure.

#[path = "../tests/positions/score.rs"]
mod score;

fn main() {
    let set = score::parse(score::LABELLED);
    let scored = score::score(&set);
    let gold = scored.total().gold;
    println!(
        "positions: {} labelled sentences, {} labelled positions",
        scored.cases, gold
    );
    print!("{}", score::table(&scored));
    println!(
        "targets: precision >= 0.90, recall >= 0.75 for each stance with at least 10 examples"
    );
    let held = score::score(&score::held_out());
    let held_gold = held.total().gold;
    println!(
        "held out (written after the rules were tuned on the set above): {} sentences, {} positions",
        held.cases, held_gold
    );
    print!("{}", score::table(&held));
    if std::env::var_os("CONCORD_BENCH_VERBOSE").is_some() {
        for e in scored.errors.iter().chain(&held.errors) {
            println!("  {e}");
        }
    } else {
        println!(
            "({} wrong finds and misses; CONCORD_BENCH_VERBOSE=1 lists them)",
            scored.errors.len() + held.errors.len()
        );
    }
}
