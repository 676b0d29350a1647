//! Request bodies of any bytes never panic the parser: they parse, or they are a 400
//! naming a field, or a 413.

use lambda_http::Body;
use litmos_api::http::{Rejection, json_body};
use litmos_domain::Error;
use litmos_domain::assignments::AssignInput;
use litmos_domain::learners::LearnerInput;
use proptest::prelude::*;

fn req(bytes: Vec<u8>) -> lambda_http::Request {
    lambda_http::http::Request::builder().body(Body::Binary(bytes)).unwrap()
}

fn check<T: serde::de::DeserializeOwned>(bytes: Vec<u8>) -> Result<(), TestCaseError> {
    match json_body::<T>(&req(bytes)) {
        Ok(_) | Err(Rejection::TooLarge) => Ok(()),
        Err(Rejection::Error(Error::Invalid { field, .. })) => {
            prop_assert!(!field.is_empty());
            Ok(())
        }
        Err(Rejection::Error(other)) => Err(TestCaseError::fail(format!("unexpected {other:?}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check::<AssignInput>(bytes.clone())?;
        check::<LearnerInput>(bytes)?;
    }

    #[test]
    fn json_shaped_noise(learner in "\\PC{0,20}", ids in proptest::collection::vec("\\PC{0,12}", 0..4), extra in "[a-z_]{1,10}") {
        let body = serde_json::json!({"learner_id": learner, "course_ids": ids, "incident": {"sys_id": "x", "number": 1}, extra: true});
        check::<AssignInput>(body.to_string().into_bytes())?;
    }
}
