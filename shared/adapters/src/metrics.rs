//! Counters as CloudWatch Embedded Metric Format: one JSON line on stdout per count,
//! which Lambda's log pipeline turns into a metric (namespace `LitmosTraining`,
//! dimension `Function`) with no API call and no extra permission. The alarms in
//! `template.yaml` watch them.

use std::time::{SystemTime, UNIX_EPOCH};

pub const NAMESPACE: &str = "LitmosTraining";

/// Counters this product emits.
pub mod names {
    pub const ASSIGNMENTS: &str = "Assignments";
    pub const LITMOS_CALLS: &str = "LitmosCalls";
    pub const LITMOS_ERRORS: &str = "LitmosErrors";
    pub const AUTH_FAILURES: &str = "AuthFailures";
    pub const LITMOS_BUDGET_SPENT: &str = "LitmosBudgetSpent";
    /// One tenant's sync, by how it ended: `SyncSucceeded`, `SyncFailed`, `SyncDeferred`.
    pub const SYNC_SUCCEEDED: &str = "SyncSucceeded";
    pub const SYNC_FAILED: &str = "SyncFailed";
    pub const SYNC_DEFERRED: &str = "SyncDeferred";
}

/// The EMF line for `name` += `value`, dimensioned by the function.
pub fn line(name: &str, value: u64, function: &str, now_ms: u128) -> String {
    serde_json::json!({
        "_aws": {
            "Timestamp": now_ms as u64,
            "CloudWatchMetrics": [{"Namespace": NAMESPACE, "Dimensions": [["Function"]], "Metrics": [{"Name": name, "Unit": "Count"}]}]
        },
        "Function": function,
        name: value,
    })
    .to_string()
}

/// Emits a count, only inside Lambda (outside it, tests and the local tools stay quiet).
pub fn count(name: &str, value: u64) {
    let Ok(function) = std::env::var("AWS_LAMBDA_FUNCTION_NAME") else { return };
    if value == 0 {
        return;
    }
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
    println!("{}", line(name, value, &function, now));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_follow_the_embedded_metric_format() {
        let v: serde_json::Value = serde_json::from_str(&line(names::ASSIGNMENTS, 3, "stack-assign-courses", 1_700_000_000_000)).unwrap();
        assert_eq!(v["Assignments"], 3);
        assert_eq!(v["Function"], "stack-assign-courses");
        let def = &v["_aws"]["CloudWatchMetrics"][0];
        assert_eq!(def["Namespace"], "LitmosTraining");
        assert_eq!(def["Dimensions"][0][0], "Function");
        assert_eq!(def["Metrics"][0]["Name"], "Assignments");
        assert_eq!(v["_aws"]["Timestamp"], 1_700_000_000_000u64);
    }
}
