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


def transformed(text: str) -> dict:
    # Local CodeUris are what `sam build` replaces; the transform wants S3 ones.
    text = re.sub(r"CodeUri: functions/\S+", "CodeUri: s3://bucket/code.zip", text)
    return transform(yaml_parse(text), {}, NoManagedPolicies())["Resources"]


def of_type(resources: dict, kind: str) -> dict:
    return {k: v["Properties"] for k, v in resources.items() if v["Type"] == kind}


source = open(os.path.join(ROOT, "template.yaml")).read()
classic = of_type(transformed(source), "AWS::Lambda::Function")
assert classic and all("CapacityProviderConfig" not in f for f in classic.values()), "the default is classic Lambda"
resources = transformed(managed(source, ARN, 16))
variant = of_type(resources, "AWS::Lambda::Function")
assert set(variant) == set(classic), "the variant deploys the same functions"
for name, f in variant.items():
    cfg = f.get("CapacityProviderConfig", {}).get("LambdaManagedInstancesCapacityProviderConfig") or f.get("CapacityProviderConfig")
    assert cfg and ARN in str(cfg), f"{name}: no capacity provider in {cfg}"
aliases = of_type(resources, "AWS::Lambda::Alias")
assert len(aliases) == len(variant), f"every function publishes a version behind an alias: {len(aliases)} of {len(variant)}"
print(f"sam transform: {len(classic)} functions; the Managed Instances variant attaches all of them")
