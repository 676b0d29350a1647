//! Activation: what the ServiceNow Configurations page shows once the key is saved.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::model::Tenant;
use crate::ports::TenantStore;
use crate::time::{Clock, rfc3339};
use crate::validate;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivateInput {
    pub instance_url: String,
}

#[derive(Debug, Serialize)]
pub struct ConfigurationView {
    pub tenant: TenantRef,
    pub activated_at: Option<String>,
    pub instance_url: Option<String>,
    pub endpoints: Endpoints,
}

#[derive(Debug, Serialize)]
pub struct TenantRef {
    pub id: String,
    pub name: String,
}

/// Absolute URLs of every ServiceNow route, shown read-only in ServiceNow.
#[derive(Debug, Serialize)]
pub struct Endpoints {
    pub activate: String,
    pub configuration: String,
    pub learners: String,
    pub learner: String,
    pub courses: String,
    pub assignments: String,
    pub incident_training: String,
    pub incidents: String,
    pub training_updates: String,
    pub learner_courses: String,
    pub effectiveness_report: String,
}

impl Endpoints {
    pub fn new(base: &str) -> Self {
        let base = base.trim_end_matches('/');
        let at = |p: &str| format!("{base}/v1/servicenow{p}");
        Endpoints {
            activate: at("/activate"),
            configuration: at("/configuration"),
            learners: at("/learners"),
            learner: at("/learners/{caller_sys_id}"),
            courses: at("/courses"),
            assignments: at("/assignments"),
            incident_training: at("/incidents/{incident_sys_id}/training"),
            incidents: at("/incidents"),
            training_updates: at("/training/updates"),
            learner_courses: at("/learners/{caller_sys_id}/courses"),
            effectiveness_report: at("/reports/effectiveness"),
        }
    }
}

pub fn configuration(tenant: &Tenant, base_url: &str) -> ConfigurationView {
    ConfigurationView {
        tenant: TenantRef { id: tenant.id.clone(), name: tenant.name.clone() },
        activated_at: tenant.servicenow.activated_at.map(rfc3339),
        instance_url: tenant.servicenow.instance_url.clone(),
        endpoints: Endpoints::new(base_url),
    }
}

pub async fn activate(tenants: &dyn TenantStore, clock: &dyn Clock, tenant_id: &str, input: ActivateInput, base_url: &str) -> Result<ConfigurationView, Error> {
    let instance_url = validate::instance_url("instance_url", &input.instance_url)?;
    tenants.record_activation(tenant_id, &instance_url, clock.now()).await?;
    let tenant = tenants.get_tenant(tenant_id).await?.ok_or(Error::Unauthorized)?;
    Ok(configuration(&tenant, base_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_absolute_and_complete() {
        let e = Endpoints::new("https://abc.execute-api.us-east-1.amazonaws.com/");
        assert_eq!(e.assignments, "https://abc.execute-api.us-east-1.amazonaws.com/v1/servicenow/assignments");
        assert_eq!(e.learner, "https://abc.execute-api.us-east-1.amazonaws.com/v1/servicenow/learners/{caller_sys_id}");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v.as_object().unwrap().len(), 11, "one per ServiceNow route");
        assert_eq!(e.training_updates, "https://abc.execute-api.us-east-1.amazonaws.com/v1/servicenow/training/updates");
    }
}
