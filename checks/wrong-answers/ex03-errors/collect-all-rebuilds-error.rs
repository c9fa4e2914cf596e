//! Wrong answer: collect_all turns each error into a new anyhow error built from its message, so the ValueError inside is lost.
//! caught-by: exercise::collect_all_error_is_the_value_error
//! cue: do not rebuild it

// REPLACES: collect_all
/// `asyncio.gather(may_fail(), will_succeed(), return_exceptions=True)`: runs both calls
/// concurrently and returns every result, errors included, in the order they were passed.
pub async fn collect_all() -> Vec<anyhow::Result<String>> {
    let (failed, succeeded) = tokio::join!(may_fail(), will_succeed());
    vec![
        failed.map_err(|err| anyhow::anyhow!("{err}")),
        succeeded.map_err(|err| anyhow::anyhow!("{err}")),
    ]
}
// END: collect_all
