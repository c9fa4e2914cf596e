//! Wrong answer: collect_all awaits may_fail, then will_succeed, keeping both results, so the second call waits for the first.
//! caught-by: exercise::collect_all_runs_both_calls_together_once_each
//! cue: one after another

// REPLACES: collect_all
pub async fn collect_all() -> Vec<anyhow::Result<String>> {
    let failed = may_fail().await.map_err(anyhow::Error::from);
    let succeeded = will_succeed().await.map_err(anyhow::Error::from);
    vec![failed, succeeded]
}
// END: collect_all
