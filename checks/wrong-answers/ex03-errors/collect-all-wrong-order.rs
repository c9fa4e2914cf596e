//! Wrong answer: collect_all puts the success first and the error last instead of keeping the order the calls were passed in.
//! caught-by: exercise::collect_all_keeps_both_results_in_input_order
//! cue: in the order the calls were passed

// REPLACES: collect_all
/// `asyncio.gather(may_fail(), will_succeed(), return_exceptions=True)`: runs both calls
/// concurrently and returns every result, errors included, in the order they were passed.
pub async fn collect_all() -> Vec<anyhow::Result<String>> {
    let (failed, succeeded) = tokio::join!(may_fail(), will_succeed());
    vec![
        succeeded.map_err(anyhow::Error::from),
        failed.map_err(anyhow::Error::from),
    ]
}
// END: collect_all
