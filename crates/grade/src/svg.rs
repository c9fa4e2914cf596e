//! Charts as inline SVG for the class report, drawn here: no script, no font, nothing to load.
//!
//! Positions along a chart are percentages of its width, so one chart fits a phone and a desktop
//! and its text keeps the page's size. A bar chart's labels are HTML text beside SVG bars, so
//! they wrap as the page's text does instead of running past a phone's width.

use std::fmt::Write;

/// One bar of [`bars`]: `share` of the whole (0 to 1), with its label and the figures beside it.
pub(crate) struct Bar {
    pub label: String,
    pub share: f64,
    pub note: String,
}

/// One column of [`histogram`].
pub(crate) struct Column {
    pub label: String,
    pub count: usize,
    /// The column's tooltip.
    pub title: String,
}

/// Horizontal bars, one row each: its figures then its label, as HTML text that wraps (a long
/// test name is shown whole on a phone, on as many lines as it needs), and below it a bar drawn
/// in SVG: a `rect.bar` on a `rect.track`, as wide as the box. The figures come first, so they
/// are read before the name.
pub(crate) fn bars(title: &str, rows: &[Bar]) -> String {
    let mut html = format!(
        "<div class=\"chart bars\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    for bar in rows {
        let share = bar.share.clamp(0.0, 1.0) * 100.0;
        let _ = write!(
            html,
            "<div class=\"bar-row\" title=\"{label}: {note}\">\
             <div class=\"bar-label\"><span class=\"figure\">{note}</span> \
             <span class=\"name\">{label}</span></div>\
             <svg class=\"bar-line\" width=\"100%\" height=\"12\" aria-hidden=\"true\">\
             <rect class=\"track\" x=\"0\" y=\"0\" width=\"100%\" height=\"12\" rx=\"3\"/>\
             <rect class=\"bar\" x=\"0\" y=\"0\" width=\"{share:.2}%\" height=\"12\" rx=\"3\" \
             data-share=\"{share:.2}\"/></svg></div>",
            label = escape(&bar.label),
            note = escape(&bar.note),
        );
    }
    html.push_str("</div>");
    html
}

/// A histogram: a `rect.column` for each column, as tall as its count, its count above it and its
/// label below.
pub(crate) fn histogram(title: &str, columns: &[Column]) -> String {
    const TOP: f64 = 18.0;
    const BASE: f64 = 160.0;
    let highest = columns.iter().map(|c| c.count).max().unwrap_or(0).max(1);
    let slot = 100.0 / columns.len().max(1) as f64;
    let mut svg = format!(
        "<svg class=\"chart histogram\" width=\"100%\" height=\"186\" role=\"img\" \
         aria-label=\"{}\"><line class=\"axis\" x1=\"0\" x2=\"100%\" y1=\"{BASE}\" y2=\"{BASE}\"/>",
        escape(title)
    );
    for (i, column) in columns.iter().enumerate() {
        let height = (BASE - TOP) * column.count as f64 / highest as f64;
        let x = slot * i as f64;
        let middle = x + slot / 2.0;
        let _ = write!(
            svg,
            "<g><title>{title}</title>\
             <rect class=\"column\" x=\"{left:.2}%\" y=\"{y:.1}\" width=\"{width:.2}%\" \
             height=\"{height:.1}\" data-count=\"{count}\"/>",
            title = escape(&column.title),
            left = x + slot * 0.1,
            y = BASE - height,
            width = slot * 0.8,
            count = column.count,
        );
        if column.count > 0 {
            let _ = write!(
                svg,
                "<text x=\"{middle:.2}%\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                BASE - height - 4.0,
                column.count
            );
        }
        let _ = write!(
            svg,
            "<text class=\"note\" x=\"{middle:.2}%\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
            BASE + 16.0,
            escape(&column.label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// `text` safe inside HTML and SVG, in text and in quoted attributes (`& < > " '`), by the XML
/// crate the exports use.
pub fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_as_long_as_their_share_and_labels_are_escaped() {
        let svg = bars(
            "Failing",
            &[
                Bar {
                    label: "<ex01> & 김영희".into(),
                    share: 0.5,
                    note: "50%".into(),
                },
                Bar {
                    label: "b".into(),
                    share: 1.7,
                    note: "100%".into(),
                },
            ],
        );
        assert!(svg.contains("width=\"50.00%\""), "{svg}");
        assert!(svg.contains("width=\"100.00%\" height=\"12\" rx=\"3\" data-share"));
        assert!(svg.contains("&lt;ex01&gt; &amp; 김영희"));
        assert!(!svg.contains("<ex01>"));
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
    }

    #[test]
    fn columns_are_as_tall_as_their_count() {
        let column = |count| Column {
            label: "x".into(),
            count,
            title: String::new(),
        };
        let svg = histogram("Scores", &[column(0), column(2), column(4)]);
        assert_eq!(svg.matches("class=\"column\"").count(), 3);
        assert!(svg.contains("height=\"142.0\" data-count=\"4\""), "{svg}");
        assert!(svg.contains("height=\"71.0\" data-count=\"2\""), "{svg}");
        assert!(svg.contains("height=\"0.0\" data-count=\"0\""), "{svg}");
    }
}
