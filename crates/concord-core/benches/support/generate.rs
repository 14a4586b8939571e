//! The generated corpora of the benchmarks (shared by `search` and `compare`): word-level
//! Markov text trained on the seed corpus, widened with invented words, names and numbers,
//! built by the real corpus pipeline. Deterministic: the same seed gives the same files.
#![allow(dead_code)]

use concord_core::corpus::{build, Input, SourceFile};
use concord_core::model::Corpus;
use std::collections::HashMap;
use std::path::Path;

const DOCUMENTS: usize = 260;
const TARGET_BYTES: usize = 13 * 1024 * 1024 + 200_000;

/// Word-level Markov chain (order 2) over the seed corpus's body text.
pub struct Markov {
    next: HashMap<(String, String), Vec<String>>,
    starts: Vec<(String, String)>,
}

impl Markov {
    pub fn train(corpus: &Corpus) -> Markov {
        let mut m = Markov {
            next: HashMap::new(),
            starts: Vec::new(),
        };
        for d in &corpus.documents {
            for s in &d.statements {
                let text = &d.paragraph(s.p).unwrap().text;
                let words: Vec<String> = text.split_whitespace().map(String::from).collect();
                if words.len() < 3 {
                    continue;
                }
                m.starts.push((words[0].clone(), words[1].clone()));
                for w in words.windows(3) {
                    m.next
                        .entry((w[0].clone(), w[1].clone()))
                        .or_default()
                        .push(w[2].clone());
                }
            }
        }
        m
    }

    pub fn sentence(&self, rng: &mut fastrand::Rng, invented: &[String], max: usize) -> String {
        let uniform = |rng: &mut fastrand::Rng| invented[rng.usize(..invented.len())].clone();
        self.sentence_with(rng, &uniform, 6, max)
    }

    /// A sentence in which about `percent` in 100 words are replaced by `pick`'s (and one
    /// in 100 by a year).
    pub fn sentence_with(
        &self,
        rng: &mut fastrand::Rng,
        pick: &dyn Fn(&mut fastrand::Rng) -> String,
        percent: u32,
        max: usize,
    ) -> String {
        let (mut a, mut b) = self.starts[rng.usize(..self.starts.len())].clone();
        let mut out = vec![a.clone(), b.clone()];
        while out.len() < max {
            let Some(options) = self.next.get(&(a.clone(), b.clone())) else {
                break;
            };
            let mut w = options[rng.usize(..options.len())].clone();
            // Widen the vocabulary: now and then an invented word or a number.
            match rng.u32(..100) {
                r if r < percent => w = pick(rng),
                r if r == percent => w = rng.u32(1900..2030).to_string(),
                _ => {}
            }
            out.push(w.clone());
            a = b;
            b = w;
            if b.ends_with('.') && out.len() > 12 {
                break;
            }
        }
        let mut s = out.join(" ");
        if !s.ends_with('.') {
            s.push('.');
        }
        s
    }
}

/// The syllables of invented words.
const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "ran", "tes", "vo", "zu", "per", "dan", "qui", "sel", "mor", "ta", "ni",
    "bre", "gal", "ost", "un", "ve", "ria", "chen", "hai", "wen", "lin",
];

pub fn invented_words(rng: &mut fastrand::Rng, n: usize) -> Vec<String> {
    invented(rng, n, 2..5)
}

/// `n` invented words of `syllables` syllables each (drawn for each word).
fn invented(rng: &mut fastrand::Rng, n: usize, syllables: std::ops::Range<usize>) -> Vec<String> {
    (0..n)
        .map(|_| {
            (0..rng.usize(syllables.clone()))
                .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
                .collect::<String>()
        })
        .collect()
}

/// The Zipf exponent of the speeches' invented words.
const ZIPF_S: f64 = 1.07;

/// The invented word types the speeches draw from when speech `d` is written: 50,000 for
/// the 12 MB corpus's 249, then growing with the square root of the speeches written.
pub fn vocabulary_at(d: usize) -> usize {
    let grown = (d + 1) as f64 / SPEECH_DOCUMENTS as f64;
    (50_000.0 * grown.max(1.0).sqrt()) as usize
}

/// The generated corpus: files in memory, built by the real pipeline.
pub fn generate() -> Corpus {
    let markov = Markov::train(&seeds());
    let mut rng = fastrand::Rng::with_seed(20260);
    let invented = invented_words(&mut rng, 6000);
    let people: Vec<(String, String)> = [
        ("Chinese", "Foreign Minister"),
        ("Palestinian", "President"),
        ("Omani", "Foreign Minister"),
        ("Egyptian", "Envoy"),
        ("Syrian", "President"),
        ("Kenyan", "Foreign Minister"),
        ("Jordanian", "Prime Minister"),
        ("Qatari", "Envoy"),
        ("Turkish", "Foreign Minister"),
        ("Saudi", "Foreign Minister"),
        ("Iranian", "President"),
        ("Israeli", "Prime Minister"),
    ]
    .iter()
    .enumerate()
    .flat_map(|(i, (demonym, role))| {
        let first = [
            "Amina", "Hassan", "Li", "Sara", "Omar", "Mei", "Yusuf", "Nadia", "Karim", "Lena",
        ];
        let last = [
            "Odhiambo", "Haddad", "Zhou", "Mansour", "Aziz", "Chen", "Rahman", "Farouk", "Nasser",
            "Demir",
        ];
        (0..3).map(move |k| {
            (
                format!("{demonym} {role}"),
                format!("{} {}", first[(i + k * 3) % 10], last[(i * 7 + k) % 10]),
            )
        })
    })
    .collect();
    let kinds = ["phone call", "meeting", "press conference", "statement"];
    let mut files = Vec::new();
    let mut total = 0;
    for d in 0..DOCUMENTS {
        let (title_role, name) = &people[rng.usize(..people.len())];
        let kind = kinds[d % kinds.len()];
        let year = 2015 + (d % 9) as i32;
        let mut text = format!(
            "{title_role} {name} Holds {} on Regional Issues\n{year}-{:02}-{:02} 10:00\n\n",
            kind.split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect::<String>())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" "),
            1 + d % 12,
            1 + d % 28
        );
        text.push_str(&format!(
            "On {} {year}, {title_role} {name} had a {kind} with counterparts.\n\n",
            ["March 3", "June 14", "October 10", "November 1"][d % 4]
        ));
        let budget = TARGET_BYTES / DOCUMENTS;
        let mut speaker = name.clone();
        while text.len() < budget {
            let body = (0..rng.usize(2..5))
                .map(|_| markov.sentence(&mut rng, &invented, 40))
                .collect::<Vec<_>>()
                .join(" ");
            let line = match rng.u32(..10) {
                0..=2 => {
                    speaker = people[rng.usize(..people.len())].1.clone();
                    format!("{speaker} said that {body}")
                }
                3..=4 => format!("He added that {body}"),
                5 => format!(
                    "“{body}”, {} said.",
                    speaker.split(' ').next_back().unwrap()
                ),
                _ => body,
            };
            text.push_str(&line);
            text.push_str("\n\n");
        }
        text.push_str("Share this article\nRelated Posts\n");
        total += text.len();
        files.push(SourceFile {
            path: format!("generated-{d:03}.txt"),
            bytes: text.into_bytes(),
        });
    }
    assert!(total >= 13 * 1024 * 1024, "generated only {total} bytes");
    // `CONCORD_BENCH_CORPUS_OUT=dir`: also write the files there (a corpus folder the app and
    // the browser benchmarks can build with CONCORD_CORPUS).
    write_out(&files);
    build(&Input {
        files,
        ..Input::default()
    })
    .expect("the generated corpus builds")
    .0
}

/// Ranks drawn with Zipf's law: rank r (from 0) with weight 1 / (r + 1)^s.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|r| {
                total += 1.0 / ((r + 1) as f64).powf(s);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    /// Ranks up to `n` (none is dropped): the weights of the ranks before stay as they were.
    pub fn extend(&mut self, n: usize, s: f64) {
        let mut total = self.cumulative.last().copied().unwrap_or(0.0);
        for r in self.cumulative.len()..n {
            total += 1.0 / ((r + 1) as f64).powf(s);
            self.cumulative.push(total);
        }
    }

    pub fn sample(&self, rng: &mut fastrand::Rng) -> usize {
        let x = rng.f64() * self.cumulative.last().copied().unwrap_or(0.0);
        self.cumulative
            .partition_point(|&c| c < x)
            .min(self.cumulative.len() - 1)
    }
}

/// Speeches as real corpora have them, harder than [`generate`]'s readouts: 249 long
/// speeches (about 12 MB) of long paragraphs (4 to 14 sentences), hard-wrapped at 72
/// columns as text extracted from PDFs is, with a Zipfian vocabulary (50,000 invented word
/// types drawn with s = 1.07 for one word in eight, so rare words keep coming as in real
/// text), and the seed corpus's formulations carried by the Markov chain. A larger corpus
/// ([`write_speeches`]) has a larger vocabulary, as real text does (Heaps' law). Like a real
/// debate, every speech has its own speaker, from a spreadsheet catalog (`catalog.csv`: 249
/// speakers of 10 countries, so the speaker facet is long).
pub fn generate_speeches() -> Corpus {
    let mut files = Vec::new();
    let catalog = speeches(SPEECH_DOCUMENTS, 12 * 1024 * 1024, |f| files.push(f));
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    assert!(
        total >= 12 * 1024 * 1024 - 300_000,
        "generated only {total} bytes"
    );
    write_out(std::slice::from_ref(&catalog));
    write_out(&files);
    build(&Input {
        files,
        catalog_csv: Some(catalog),
        ..Input::default()
    })
    .expect("the generated speeches build")
    .0
}

/// Speeches in the 12 MB corpus ([`generate_speeches`]); a larger corpus has more of the
/// same length.
pub const SPEECH_DOCUMENTS: usize = 249;

/// The speeches of [`generate_speeches`], as many as make about `bytes` (at the same length
/// each), written into `dir` one file at a time (so a corpus of hundreds of megabytes is
/// never held whole), with their `catalog.csv`. The first 249 are the 12 MB corpus's; past
/// them the vocabulary grows with the square root of the speeches written (Heaps' law with
/// β = 0.5, as English text has it; [`vocabulary_at`]), so a 200 MB corpus has about four
/// times the 12 MB one's word types, and its rare words are longer.
pub fn write_speeches(dir: &std::path::Path, bytes: usize) -> usize {
    std::fs::create_dir_all(dir).expect("output folder");
    let documents = (bytes / (12 * 1024 * 1024 / SPEECH_DOCUMENTS)).max(1);
    let mut written = 0;
    let catalog = speeches(documents, bytes, |f| {
        written += f.bytes.len();
        std::fs::write(dir.join(&f.path), &f.bytes).expect("write a generated file");
    });
    std::fs::write(dir.join(&catalog.path), &catalog.bytes).expect("write the catalog");
    written
}

/// `documents` hard-wrapped speeches of `bytes / documents` bytes each, handed to `each`
/// in turn; returns their `catalog.csv`.
fn speeches(documents: usize, bytes: usize, mut each: impl FnMut(SourceFile)) -> SourceFile {
    let markov = Markov::train(&seeds());
    let mut rng = fastrand::Rng::with_seed(1249);
    let mut vocabulary = invented_words(&mut rng, vocabulary_at(0));
    let mut zipf = Zipf::new(vocabulary.len(), ZIPF_S);
    // The words past the first 50,000 come from a generator of their own, so the first 249
    // speeches stay the 12 MB corpus's: three to five syllables, as rare words are long.
    let mut more = fastrand::Rng::with_seed(20261205);
    let countries = [
        "Kenya", "Norway", "Peru", "Jordan", "Chile", "Ghana", "Nepal", "Oman", "Fiji", "Mali",
    ];
    let mut catalog = String::from("file,source,kind,speaker,speaker_role,speaker_country\n");
    let budget = bytes / documents;
    for d in 0..documents {
        let grown = vocabulary_at(d);
        if grown > vocabulary.len() {
            vocabulary.extend(invented(&mut more, grown - vocabulary.len(), 3..6));
            zipf.extend(grown, ZIPF_S);
        }
        let pick = |rng: &mut fastrand::Rng| vocabulary[zipf.sample(rng)].clone();
        let country = countries[d % countries.len()];
        let capital = |w: String| -> String {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        let speaker = format!("{} {}", capital(pick(&mut rng)), capital(pick(&mut rng)));
        let name = if documents > 999 {
            format!("speech-{d:05}.txt")
        } else {
            format!("speech-{d:03}.txt")
        };
        catalog.push_str(&format!(
            "{name},United Nations General Assembly,speech,{speaker},Minister for Foreign Affairs,{country}\n"
        ));
        let year = 2000 + (d % 24) as i32;
        let mut text = format!(
            "Statement by the Delegation of {country} at the General Debate
{year}-09-{:02}

Mr. President,

",
            20 + d % 9
        );
        while text.len() < budget {
            let paragraph = (0..rng.usize(4..15))
                .map(|_| markov.sentence_with(&mut rng, &pick, 12, 45))
                .collect::<Vec<_>>()
                .join(" ");
            text.push_str(&wrap(&paragraph, 72));
            text.push_str(
                "

",
            );
        }
        text.push_str(
            "I thank you.
",
        );
        each(SourceFile {
            path: name,
            bytes: text.into_bytes(),
        });
    }
    SourceFile {
        path: "catalog.csv".into(),
        bytes: catalog.into_bytes(),
    }
}

/// `text` broken into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut line = 0;
    for word in text.split(' ') {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

/// The generated corpus the benchmarks use: [`generate_speeches`] with
/// `CONCORD_BENCH_CORPUS_KIND=speeches`, else [`generate`].
pub fn generate_chosen() -> Corpus {
    match std::env::var("CONCORD_BENCH_CORPUS_KIND").as_deref() {
        Ok("speeches") => generate_speeches(),
        _ => generate(),
    }
}

/// The seed corpus, built.
pub fn seeds() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    build(&concord_core::corpus::folder::read(&root).unwrap())
        .unwrap()
        .0
}

/// With `CONCORD_BENCH_CORPUS_OUT=dir`, writes the files there (a corpus folder the app and
/// the browser benchmark can build with `CONCORD_CORPUS`).
fn write_out(files: &[SourceFile]) {
    if let Some(dir) = std::env::var_os("CONCORD_BENCH_CORPUS_OUT") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("output folder");
        for f in files {
            std::fs::write(dir.join(&f.path), &f.bytes).expect("write a generated file");
        }
        println!("wrote {} files to {}", files.len(), dir.display());
    }
}

/// Two documents of about `words` words each for the comparison benchmark: a generated
/// statement, and a revision of it as another outlet might publish — most sentences kept,
/// some reworded (a few words changed), some dropped, some new, some paragraphs moved.
pub fn pair(words: usize) -> Corpus {
    let markov = Markov::train(&seeds());
    let mut rng = fastrand::Rng::with_seed(1967);
    let invented = invented_words(&mut rng, 2000);
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut count = 0;
    while count < words {
        let p: Vec<String> = (0..rng.usize(2..6))
            .map(|_| markov.sentence(&mut rng, &invented, 40))
            .collect();
        count += p
            .iter()
            .map(|s| s.split_whitespace().count())
            .sum::<usize>();
        paragraphs.push(p);
    }
    let mut revised: Vec<Vec<String>> = paragraphs
        .iter()
        .map(|p| {
            let mut out = Vec::new();
            for s in p {
                match rng.u32(..10) {
                    0 => {}                                                  // dropped
                    1 => out.push(markov.sentence(&mut rng, &invented, 40)), // replaced
                    2..=3 => {
                        // reworded: a few words changed
                        let mut w: Vec<String> = s.split_whitespace().map(String::from).collect();
                        for _ in 0..3 {
                            let i = rng.usize(..w.len());
                            w[i] = invented[rng.usize(..invented.len())].clone();
                        }
                        out.push(w.join(" "));
                    }
                    _ => out.push(s.clone()),
                }
            }
            if out.is_empty() {
                out.push(markov.sentence(&mut rng, &invented, 40));
            }
            out
        })
        .collect();
    for _ in 0..revised.len() / 20 {
        let (a, b) = (rng.usize(..revised.len()), rng.usize(..revised.len()));
        revised.swap(a, b);
    }
    let file = |name: &str, title: &str, date: &str, paras: &[Vec<String>]| {
        let mut text = format!("{title}\n{date}\n\n");
        for p in paras {
            text.push_str(&p.join(" "));
            text.push_str("\n\n");
        }
        SourceFile {
            path: name.to_string(),
            bytes: text.into_bytes(),
        }
    };
    let files = vec![
        file(
            "pair-a.txt",
            "The Long Statement",
            "2022-05-01",
            &paragraphs,
        ),
        file(
            "pair-b.txt",
            "The Long Statement, Revised",
            "2023-05-01",
            &revised,
        ),
    ];
    write_out(&files);
    build(&Input {
        files,
        ..Input::default()
    })
    .expect("the generated pair builds")
    .0
}
