//! Draws the lesson's timing diagram from a real run: both versions on tokio's paused clock, each
//! call's start and end written down by the `Timeline`, printed as an SVG on stdout, in Korean or
//! (with the argument `en`) in English. It is as narrow as a phone's column (336 px): each call's
//! name above its bar, 100 px a second.
//!
//! ```text
//! cargo run -q -p ex02-sequential-vs-concurrent --example timeline > timeline.svg
//! cargo run -q -p ex02-sequential-vs-concurrent --example timeline -- en > timeline-en.svg
//! ```

use ex02_sequential_vs_concurrent::{Span, Timeline, concurrent, sequential, timed};
use std::fmt::Write;
use std::time::Duration;

const ROWS: [&str; 3] = ["fetch_users", "fetch_products", "fetch_orders"];
const SECONDS: u32 = 3; // the x-axis: 0 s to 3 s
const LEFT: f64 = 12.0;
const PX_PER_SECOND: f64 = 100.0;
const ROW: f64 = 38.0; // a call's name, and its bar below it
const PANEL: f64 = 40.0 + ROWS.len() as f64 * ROW + 30.0;
const WIDTH: f64 = LEFT + SECONDS as f64 * PX_PER_SECOND + 24.0;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true) // simulated seconds: exact, and the run takes no real time
        .build()
        .expect("building the runtime");
    let english = std::env::args().nth(1).is_some_and(|a| a == "en");
    let [sequential_title, concurrent_title] = if english {
        ["sequential", "concurrent"]
    } else {
        ["순차 실행", "동시 실행"]
    };
    let panels = runtime.block_on(async {
        let seq = Timeline::new();
        let (_, seq_took) = timed(sequential(&seq)).await;
        let con = Timeline::new(); // its 0 s is now, when `concurrent` starts
        let (_, con_took) = timed(concurrent(&con)).await;
        [
            (sequential_title, seq_took, seq.spans()),
            (concurrent_title, con_took, con.spans()),
        ]
    });

    let mut svg = String::new();
    let height = PANEL * panels.len() as f64 + 10.0;
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="sans-serif" font-size="13">"#
    )
    .unwrap();
    writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#).unwrap();
    for (i, (title, took, spans)) in panels.iter().enumerate() {
        panel(&mut svg, i as f64 * PANEL, title, *took, spans);
    }
    svg.push_str("</svg>\n");
    print!("{svg}");
}

/// One chart: a title, a row per call (its name, and below it a bar from its start to its end),
/// and the time axis.
fn panel(svg: &mut String, top: f64, title: &str, took: Duration, spans: &[Span]) {
    let x = |t: Duration| LEFT + t.as_secs_f64() * PX_PER_SECOND;
    let took = took.as_secs_f64();
    writeln!(
        svg,
        r#"<text x="10" y="{}" font-weight="bold">{title}: {took} s</text>"#,
        top + 22.0
    )
    .unwrap();
    let axis = top + 34.0 + ROWS.len() as f64 * ROW;
    for s in 0..=SECONDS {
        let gx = x(Duration::from_secs(s.into()));
        writeln!(
            svg,
            r##"<line x1="{gx}" y1="{}" x2="{gx}" y2="{axis}" stroke="#ccc" stroke-dasharray="3 3"/>"##,
            top + 32.0
        )
        .unwrap();
        writeln!(
            svg,
            r#"<text x="{gx}" y="{}" text-anchor="middle">{s} s</text>"#,
            axis + 18.0
        )
        .unwrap();
    }
    writeln!(
        svg,
        r##"<line x1="{LEFT}" y1="{axis}" x2="{}" y2="{axis}" stroke="#333"/>"##,
        x(Duration::from_secs(SECONDS.into()))
    )
    .unwrap();
    for (row, name) in ROWS.iter().enumerate() {
        let y = top + 34.0 + row as f64 * ROW;
        for span in spans.iter().filter(|span| span.name == *name) {
            writeln!(
                svg,
                r#"<text x="{}" y="{}" font-family="monospace">{name}</text>"#,
                x(span.start) + 2.0,
                y + 14.0
            )
            .unwrap();
            writeln!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="14" rx="3" fill="#4a7fc1"/>"##,
                x(span.start),
                y + 19.0,
                x(span.end) - x(span.start),
            )
            .unwrap();
        }
    }
}
