"""Writes the Lambda Managed Instances variant of template.yaml (issue 8, an option,
not the default): every function attached to the given capacity provider, serving up
to N requests at once per execution environment (the functions run requests
concurrently through lambda_http's `run_concurrent`; their caches are lock-guarded).

SAM cannot switch CapacityProviderConfig with a condition (it validates the property
before CloudFormation resolves Fn::If), and a function can't gain or lose it after its
first deployment, so the choice is a separate template, made by this script:

    python3 infra/managed_instances.py ARN [MAX_CONCURRENCY] > template.managed.yaml
    sam build -t template.managed.yaml && sam deploy ...
"""
import re
import sys

ARN = re.compile(r"^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:capacity-provider:[a-zA-Z0-9-_]+$")


def managed(template: str, arn: str, concurrency: int) -> str:
    if not ARN.match(arn):
        raise SystemExit(f"managed_instances: {arn!r} is not a capacity provider ARN")
    if not 1 <= concurrency <= 1600:
        raise SystemExit("managed_instances: MAX_CONCURRENCY must be 1..1600")
    anchor = "    Tracing: Active\n"
    if template.count(anchor) != 1:
        raise SystemExit("managed_instances: template.yaml's Globals changed; update this script")
    # Managed Instances run published versions: API Gateway calls the `live` alias.
    block = f"    AutoPublishAlias: live\n    CapacityProviderConfig:\n      Arn: {arn}\n      PerExecutionEnvironmentMaxConcurrency: {concurrency}\n"
    return template.replace(anchor, anchor + block)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    source = open(__file__.replace("infra/managed_instances.py", "template.yaml")).read()
    sys.stdout.write(managed(source, sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 16))
