//! Wrong answer: collect_all keeps only the calls that succeeded, dropping may_fail's error.
//! caught-by: exercise::collect_all_keeps_both_results_in_input_order, exercise::collect_all_error_is_the_value_error
//! cue: keep the errors as values

// REPLACES: collect_all
/// `asyncio.gather(may_fail(), will_succeed(), return_exceptions=True)`: runs both calls
/// concurrently and returns every result, errors included, in the order they were passed.
pub async fn collect_all() -> Vec<anyhow::Result<String>> {
    let (failed, succeeded) = tokio::join!(may_fail(), will_succeed());
    [
        failed.map_err(anyhow::Error::from),
        succeeded.map_err(anyhow::Error::from),
    ]
    .into_iter()
    .filter(Result::is_ok)
    .collect()
}
// END: collect_all
