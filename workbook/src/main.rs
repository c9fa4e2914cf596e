//! `cargo workbook`: the command line, and which crate does each command (see crates/README.md).

#![forbid(unsafe_code)]

mod korean_help;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use course::{Lang, NotFound, Repo};
use learn::submit::NameError;
use std::path::PathBuf;
use std::process::ExitCode;

/// The workbook's command: read the book, check your progress, grade a class.
#[derive(Parser)]
#[command(name = "cargo workbook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Build both editions of the book and serve them on 127.0.0.1, with each exercise's status
    /// (tested on every save) in the book.
    Serve {
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Also open the book in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Build both editions of the book as a static site.
    Book {
        #[arg(long, default_value = "target/book")]
        out: PathBuf,
    },
    /// Show an exercise's hints, one more each time you ask for a higher number.
    Hint {
        /// The exercise, e.g. ex01-join.
        exercise: String,
        /// How many hints to show (1 = a nudge; the last one almost gives it away).
        #[arg(long, default_value_t = 1)]
        level: usize,
        /// Korean or English (default: from LANG).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Your progress: every exercise's tests, run now, and what to do next.
    Check {
        /// Korean or English (default: from LANG).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Watch exercises/*/src: each save rebuilds and tests that exercise, and the screen shows the
    /// result (keys: h hint, l list, r reset, n/p next/previous, q quit).
    Watch {
        /// The language of the screen and the hints (default: from LANG).
        #[arg(long)]
        lang: Option<Lang>,
    },
    /// Put an exercise's starter code back (your code is saved first).
    Reset {
        exercise: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
        /// Korean or English (default: from LANG).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Check every exercise once, then write the one zip to hand in: NAME.zip, holding each
    /// exercise's src/.
    Submit {
        /// Your name, as your instructor knows you: the zip is named after it.
        #[arg(long)]
        name: String,
        /// The folder the zip goes in (default: the workbook's folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Korean or English (default: from LANG).
        #[arg(long, value_enum)]
        lang: Option<Lang>,
    },
    /// Grade a class: every submission (a folder or .zip with a copy of exercises/) in a folder.
    Grade(GradeArgs),
    /// Write what a class gets: exercises, the built book and this command; no solutions.
    Handout {
        #[arg(long)]
        out: PathBuf,
        /// Also carry every dependency (cargo vendor), so the class builds with no network.
        #[arg(long)]
        offline: bool,
    },
    /// Join the --out folders of sharded `workbook grade` runs into one gradebook, class report
    /// and set of exports.
    Merge {
        /// The shards' --out folders.
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// The lab each shard was graded in (grade's --lab; default: target/grading-lab), once for
        /// each lab: every result must carry the signature of one of their keys.
        #[arg(long)]
        lab: Vec<PathBuf>,
        #[command(flatten)]
        reports: ReportArgs,
    },
    /// Keep the English catalog (book/po/en.po) in step with the Korean source.
    Po {
        #[command(subcommand)]
        action: PoAction,
    },
}

#[derive(clap::Args)]
struct GradeArgs {
    /// The folder of submissions, one folder or .zip per student.
    submissions: PathBuf,
    /// Where gradebook.csv, report.html, results/, feedback/ and exports/ go.
    #[arg(long)]
    out: PathBuf,
    /// Grade only this slice of the class, e.g. 2/4 (join the slices with `workbook merge`).
    #[arg(long)]
    shard: Option<String>,
    /// Cores to keep busy (default: every core).
    #[arg(long)]
    jobs: Option<usize>,
    /// Seconds an exercise's tests may run before they are stopped, for every exercise
    /// (default: `[timeouts]` in solutions/grading.toml).
    #[arg(long)]
    timeout: Option<u64>,
    /// Seconds one student crate may take to compile.
    #[arg(long, default_value_t = 120)]
    compile_timeout: u64,
    /// Run student code with your own rights, unsandboxed (only for submissions you trust;
    /// the gradebook and every feedback file say so).
    #[arg(long)]
    no_sandbox: bool,
    /// Where the class is built; its dependencies are kept for the next class
    /// (default: target/grading-lab).
    #[arg(long)]
    lab: Option<PathBuf>,
    #[command(flatten)]
    reports: ReportArgs,
}

/// How `grade` and `merge` write the class report and the exports.
#[derive(clap::Args)]
struct ReportArgs {
    /// The language of what grading writes and says, Korean or English (default: from LANG):
    /// report.html, the feedback, the exports' messages and these lines.
    #[arg(long, value_enum)]
    lang: Option<Lang>,
    /// A CSV with the header `folder,student_id,name`: the id and name of each submission folder,
    /// for the exports (without it, the folder name is the id).
    #[arg(long)]
    roster: Option<PathBuf>,
}

#[derive(Subcommand)]
enum PoAction {
    /// Add new Korean messages to en.po (empty, for a translator), drop removed ones.
    Update,
    /// List messages that en.po lacks, leaves empty or marks fuzzy; fails if there are any.
    Check,
}

fn main() -> ExitCode {
    // Grading compiles student crates through this same program, sandboxed.
    #[cfg(feature = "grade")]
    if let Some(code) = sandbox::compile::wrap_if_asked() {
        return code;
    }
    let cli = parse();
    let lang = cli.command.lang().unwrap_or_else(Lang::from_env);
    match dispatch(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let said = e
                .downcast_ref::<NotFound>()
                .map(|not_found| not_found.say(lang))
                .or_else(|| e.downcast_ref::<NameError>().map(|name| name.say(lang)));
            match (said, lang) {
                (Some(said), Lang::Ko) => eprintln!("오류: {said}"),
                (Some(said), Lang::En) => eprintln!("error: {said}"),
                (None, _) => eprintln!("error: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// Does what the command line asks.
fn dispatch(command: Cmd) -> Result<()> {
    let repo = Repo::discover()?;
    match command {
        #[cfg(feature = "serve")]
        Cmd::Serve { port, open } => serve(&repo, port, open),
        #[cfg(feature = "book")]
        Cmd::Book { out } => {
            book_tools::build(&repo, &out)?;
            println!("Built both editions in {}", out.display());
            Ok(())
        }
        #[cfg(feature = "grade")]
        Cmd::Grade(args) => grade(&repo, args),
        #[cfg(feature = "book")]
        Cmd::Handout { out, offline } => {
            book_tools::handout::write(&repo, &out, offline)?;
            println!(
                "The handout is in {}: give the whole folder to the class.",
                out.display()
            );
            Ok(())
        }
        #[cfg(feature = "grade")]
        Cmd::Merge {
            shards,
            out,
            lab,
            reports,
        } => {
            let reports = reports.settings()?;
            let labs = if lab.is_empty() {
                vec![repo.root.join("target/grading-lab")]
            } else {
                lab
            };
            let merged = grade::merge(&repo, &shards, &out, &labs, &reports)?;
            if let Some(set) = &merged.set_aside {
                eprintln!("{}", grade::say::set_aside(set, reports.lang));
            }
            warn_of_the_roster(&reports, &out, true)?;
            println!(
                "{}",
                grade::say::merged(merged.students, &out, reports.lang)
            );
            Ok(())
        }
        #[cfg(feature = "book")]
        Cmd::Po { action } => po(&repo, action),
        Cmd::Hint {
            exercise,
            level,
            lang,
        } => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            print!("{}", learn::hint::render(&repo, &exercise, level, lang)?);
            Ok(())
        }
        Cmd::Watch { lang } => learn::watch::run(&repo, lang.unwrap_or_else(Lang::from_env)),
        Cmd::Check { lang } => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            eprintln!(
                "{}",
                match lang {
                    Lang::Ko => "연습 문제마다 테스트를 빌드하고 실행하는 중...",
                    Lang::En => "Building and running every exercise's tests...",
                }
            );
            let progress = learn::check::check(&repo, course::pool::default_jobs())?;
            print!("{}", learn::check::render(&progress, lang));
            Ok(())
        }
        Cmd::Submit { name, out, lang } => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            eprintln!(
                "{}",
                match lang {
                    Lang::Ko => "연습 문제마다 테스트를 한 번 실행한 뒤 제출 파일을 만드는 중...",
                    Lang::En => "Running every exercise's tests once, then writing your zip...",
                }
            );
            let out = out.unwrap_or_else(|| repo.root.clone());
            let submitted =
                learn::submit::submit(&repo, &name, &out, course::pool::default_jobs())?;
            print!("{}", learn::submit::render(&submitted, lang));
            Ok(())
        }
        Cmd::Reset {
            exercise,
            yes,
            lang,
        } => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            let exercise = repo.exercise(&exercise)?;
            let question = format!("{} [y/N] ", learn::reset::question(lang, &exercise));
            if !yes && !confirm(&question)? {
                println!(
                    "{}",
                    match lang {
                        Lang::Ko => "아무것도 바꾸지 않았습니다.",
                        Lang::En => "Nothing changed.",
                    }
                );
                return Ok(());
            }
            let backup = learn::reset::reset(&repo, &exercise)?;
            println!("{}", learn::reset::done(lang, &exercise, &backup));
            Ok(())
        }
        #[cfg(not(all(feature = "book", feature = "grade", feature = "serve")))]
        other => Err(NotFound::Command { name: other.name() }.into()),
    }
}

/// `serve`: in a handout the book comes built; in the repository it is built from its source.
#[cfg(feature = "serve")]
fn serve(repo: &Repo, port: u16, open: bool) -> Result<()> {
    let out = if repo.book_dir().join("book.toml").is_file() {
        let out = repo.root.join("target/book");
        #[cfg(feature = "book")]
        book_tools::build(repo, &out)?;
        #[cfg(not(feature = "book"))]
        if !out.join("ko/index.html").is_file() {
            anyhow::bail!(NotFound::Command { name: "book" });
        }
        out
    } else {
        repo.book_dir()
    };
    let (listener, url) = serve::bind(port)?;
    let lang = Lang::from_env();
    println!(
        "{}",
        match lang {
            Lang::Ko => format!(
                "책: {url} (한국어 {url}ko/, English {url}en/). 연습 문제의 상태는 저장할 때마다 \
                 책에 나타납니다. 끝내려면 Ctrl-C."
            ),
            Lang::En => format!(
                "The book is at {url} (한국어 {url}ko/, English {url}en/). Each exercise's status \
                 shows in the book as you save. Ctrl-C stops it."
            ),
        }
    );
    if open {
        open_browser(&url, lang);
    }
    let (live, _checker) = serve::live::start(repo)?;
    serve::serve(listener, out, Some(live))
}

#[cfg(feature = "grade")]
fn grade(repo: &Repo, args: GradeArgs) -> Result<()> {
    use grade::lab::CompileSandbox;
    use sandbox::Sandbox;
    let GradeArgs {
        submissions,
        out,
        shard,
        jobs,
        timeout,
        compile_timeout,
        no_sandbox,
        lab,
        reports,
    } = args;
    // A roster with a mistake is refused before the class is built.
    let reports = reports.settings()?;
    let lang = reports.lang;
    let shard = shard
        .map(|s| s.parse::<grade::Shard>())
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let sandbox = if no_sandbox {
        eprintln!("{}", grade::say::no_sandbox(lang));
        Sandbox::Off
    } else {
        let sandbox = Sandbox::detect()?;
        if sandbox::limits::running_as_root() && !sandbox::cgroup::Cgroup::available() {
            eprintln!("{}", grade::say::no_cgroup(lang));
        }
        sandbox
    };
    let options = grade::Options {
        submissions,
        out: out.clone(),
        jobs: jobs.unwrap_or_else(course::pool::default_jobs),
        shard,
        budgets: grade::manifest::Manifest::load(repo)?
            .budgets(course::libtest::Limits::default(), timeout),
        lab: lab.unwrap_or_else(|| repo.root.join("target/grading-lab")),
        compile: Some(CompileSandbox {
            // This program is also the compile sandbox (see `main`).
            wrapper: std::env::current_exe()?,
            timeout: std::time::Duration::from_secs(compile_timeout),
        })
        .filter(|_| sandbox.is_on()),
        sandbox,
        reports,
    };
    eprintln!("{}", grade::say::building(lang));
    let bar = grade::bar::GradingBar::new(lang);
    let results = grade::grade_with(repo, &options, |u| bar.update(u));
    bar.finish();
    let results = results?;
    let alerted: Vec<&str> = results
        .iter()
        .filter(|r| !r.alerts.is_empty())
        .map(|r| r.student.as_str())
        .collect();
    if !alerted.is_empty() {
        eprintln!("{}", grade::say::alert(&alerted, lang));
    }
    warn_of_the_roster(&options.reports, &out, options.shard.is_none())?;
    let full = results.iter().filter(|r| r.points == r.max_points).count();
    println!("{}", grade::say::graded(results.len(), full, &out, lang));
    Ok(())
}

#[cfg(feature = "grade")]
impl ReportArgs {
    fn settings(self) -> Result<grade::outputs::Settings> {
        Ok(grade::outputs::Settings {
            lang: self.lang.unwrap_or_else(Lang::from_env),
            roster: self
                .roster
                .map(|path| grade::roster::Roster::load(&path))
                .transpose()?,
        })
    }
}

/// One warning line for each roster row with no submission and each submission not in the roster
/// (they are flagged in the gradebook and the class report too).
#[cfg(feature = "grade")]
fn warn_of_the_roster(
    reports: &grade::outputs::Settings,
    out: &std::path::Path,
    whole_class: bool,
) -> Result<()> {
    let Some(roster) = &reports.roster else {
        return Ok(());
    };
    let results = grade::results::read_results(out)?;
    let folders: Vec<&str> = results.iter().map(|r| r.student.as_str()).collect();
    for warning in grade::roster::check(Some(roster), &folders, whole_class).warnings(reports.lang)
    {
        eprintln!("{warning}");
    }
    Ok(())
}

#[cfg(feature = "book")]
fn po(repo: &Repo, action: PoAction) -> Result<()> {
    match action {
        PoAction::Update => {
            let u = book_tools::po::update(repo)?;
            println!(
                "en.po: {} kept, {} copied (no Korean in them), {} to translate, {} dropped",
                u.kept, u.copied, u.to_translate, u.dropped
            );
            Ok(())
        }
        PoAction::Check => {
            let missing = book_tools::po::missing_translations(repo)?;
            for m in &missing {
                println!(
                    "{} ({}): {}",
                    m.source,
                    m.why,
                    m.msgid.lines().next().unwrap_or("")
                );
            }
            if !missing.is_empty() {
                anyhow::bail!(
                    "{} messages need translating in book/po/en.po",
                    missing.len()
                );
            }
            println!("en.po translates every message of the Korean source");
            Ok(())
        }
    }
}

impl Cmd {
    /// The language the learner asked for, on the commands that take `--lang`.
    fn lang(&self) -> Option<Lang> {
        match self {
            Cmd::Hint { lang, .. }
            | Cmd::Check { lang }
            | Cmd::Watch { lang }
            | Cmd::Reset { lang, .. }
            | Cmd::Submit { lang, .. } => *lang,
            Cmd::Grade(args) => args.reports.lang,
            Cmd::Merge { reports, .. } => reports.lang,
            _ => None,
        }
    }

    #[cfg(not(all(feature = "book", feature = "grade", feature = "serve")))]
    fn name(&self) -> &'static str {
        match self {
            Cmd::Serve { .. } => "serve",
            Cmd::Book { .. } => "book",
            Cmd::Hint { .. } => "hint",
            Cmd::Check { .. } => "check",
            Cmd::Watch { .. } => "watch",
            Cmd::Reset { .. } => "reset",
            Cmd::Submit { .. } => "submit",
            Cmd::Grade(_) => "grade",
            Cmd::Handout { .. } => "handout",
            Cmd::Merge { .. } => "merge",
            Cmd::Po { .. } => "po",
        }
    }
}

/// The command line, with the learner's help in the learner's language: `--lang` if it is given,
/// else from LANG.
fn parse() -> Cli {
    let args: Vec<String> = std::env::args().collect();
    let asked = args.iter().enumerate().find_map(|(i, arg)| {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1)?.as_str(),
            Some(rest) => rest.strip_prefix('=')?,
            None => return None,
        };
        clap::ValueEnum::from_str(value, true).ok()
    });
    let command = Cli::command().bin_name("cargo workbook");
    let command = match asked.unwrap_or_else(Lang::from_env) {
        Lang::Ko => korean_help::in_korean(command),
        Lang::En => command,
    };
    Cli::from_arg_matches(&command.get_matches()).unwrap_or_else(|e| e.exit())
}

/// Asks a yes/no question on the terminal.
fn confirm(question: &str) -> Result<bool> {
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}

/// Opens `url` with the desktop's opener, if there is one; the URL is printed either way.
#[cfg(feature = "serve")]
fn open_browser(url: &str, lang: Lang) {
    for opener in ["xdg-open", "open", "sensible-browser"] {
        if std::process::Command::new(opener)
            .arg(url)
            .status()
            .is_ok_and(|s| s.success())
        {
            return;
        }
    }
    match lang {
        Lang::Ko => eprintln!("브라우저를 열 수 없습니다. {url}을(를) 직접 여세요."),
        Lang::En => eprintln!("No browser opener found: open {url} yourself."),
    }
}
