//! Draws the lesson's timing diagram from a real run: both versions on tokio's paused clock, each
//! call's start and end written down by the `Timeline`, printed as an SVG on stdout.
//!
//! ```text
//! cargo run -q -p ex02-sequential-vs-concurrent --example timeline > timeline.svg
//! ```

use ex02_sequential_vs_concurrent::{Span, Timeline, concurrent, sequential, timed};
use std::fmt::Write;
use std::time::Duration;

const ROWS: [&str; 3] = ["fetch_users", "fetch_products", "fetch_orders"];
const SECONDS: u32 = 3; // the x-axis: 0 s to 3 s
const LEFT: f64 = 130.0; // room for the row labels
const PX_PER_SECOND: f64 = 150.0;
const ROW: f64 = 26.0;
const PANEL: f64 = 150.0;
const WIDTH: f64 = LEFT + SECONDS as f64 * PX_PER_SECOND + 30.0;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true) // simulated seconds: exact, and the run takes no real time
        .build()
        .expect("building the runtime");
    let panels = runtime.block_on(async {
        let seq = Timeline::new();
        let (_, seq_took) = timed(sequential(&seq)).await;
        let con = Timeline::new(); // its 0 s is now, when `concurrent` starts
        let (_, con_took) = timed(concurrent(&con)).await;
        [
            ("순차 실행 / sequential", seq_took, seq.spans()),
            ("동시 실행 / concurrent", con_took, con.spans()),
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

/// One chart: a title, a row per call with a bar from its start to its end, and the time axis.
fn panel(svg: &mut String, top: f64, title: &str, took: Duration, spans: &[Span]) {
    let x = |t: Duration| LEFT + t.as_secs_f64() * PX_PER_SECOND;
    let took = took.as_secs_f64();
    writeln!(
        svg,
        r#"<text x="10" y="{}" font-weight="bold">{title}: {took} s</text>"#,
        top + 22.0
    )
    .unwrap();
    let axis = top + 36.0 + ROWS.len() as f64 * ROW;
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
        let y = top + 36.0 + row as f64 * ROW;
        writeln!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end" font-family="monospace">{name}</text>"#,
            LEFT - 10.0,
            y + ROW / 2.0 + 1.0
        )
        .unwrap();
        for span in spans.iter().filter(|span| span.name == *name) {
            writeln!(
                svg,
                r##"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="#4a7fc1"/>"##,
                x(span.start),
                y + 3.0,
                x(span.end) - x(span.start),
                ROW - 8.0
            )
            .unwrap();
        }
    }
}
