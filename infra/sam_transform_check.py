"""Runs the real SAM transform (samtranslator, offline) over template.yaml and over its
Managed Instances variant, and checks what it produced: `sam validate --lint` alone
accepts templates the transform then rejects. Run by infra/sam-validate.sh."""
import os
import re
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

sys.path.insert(0, os.path.dirname(__file__))
from managed_instances import managed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARN = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:check"


class NoManagedPolicies:
    def load(self):
        return {}


def functions(text: str) -> dict:
    # Local CodeUris are what `sam build` replaces; the transform wants S3 ones.
    text = re.sub(r"CodeUri: functions/\S+", "CodeUri: s3://bucket/code.zip", text)
    out = transform(yaml_parse(text), {}, NoManagedPolicies())
    return {k: v["Properties"] for k, v in out["Resources"].items() if v["Type"] == "AWS::Lambda::Function"}


source = open(os.path.join(ROOT, "template.yaml")).read()
classic = functions(source)
assert classic and all("CapacityProviderConfig" not in f for f in classic.values()), "the default is classic Lambda"
variant = functions(managed(source, ARN, 16))
assert set(variant) == set(classic), "the variant deploys the same functions"
for name, f in variant.items():
    cfg = f.get("CapacityProviderConfig", {}).get("LambdaManagedInstancesCapacityProviderConfig") or f.get("CapacityProviderConfig")
    assert cfg and ARN in str(cfg), f"{name}: no capacity provider in {cfg}"
out = transform(yaml_parse(re.sub(r"CodeUri: functions/\S+", "CodeUri: s3://bucket/code.zip", managed(source, ARN, 16))), {}, NoManagedPolicies())
aliases = [k for k, v in out["Resources"].items() if v["Type"] == "AWS::Lambda::Alias"]
assert len(aliases) == len(variant), f"every function publishes a version behind an alias: {len(aliases)} of {len(variant)}"
print(f"sam transform: {len(classic)} functions; the Managed Instances variant attaches all of them")
