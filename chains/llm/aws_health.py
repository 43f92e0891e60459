"""The sidebar's one-sentence health check for the AWS backends, from one or two read-only Describe calls.

SageMaker: DescribeEndpoint (exists? InService?). Bedrock: GetFoundationModel (offered in this region?) and
GetFoundationModelAvailability (enabled for this account?). Nothing is generated, so a check costs nothing.
"""

from __future__ import annotations

import re
from typing import Any

from chains.llm.aws_clients import NoRegion, control_client, region_of, session
from settings import ModelSettings

# Inference-profile ids route a foundation model across regions: "us.meta.llama3-3-70b-instruct-v1:0".
_PROFILE_PREFIX = re.compile(r"^(us|eu|apac|jp|au|ca|us-gov|global)\.(?=[a-z0-9-]+\.)")
_DENIED = {"AccessDeniedException", "AccessDenied"}
_BAD_CREDENTIALS = {
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "ExpiredTokenException",
    "ExpiredToken",
    "MissingAuthenticationTokenException",
}


def aws_health(settings: ModelSettings) -> tuple[bool, str]:
    """(usable?, one sentence). Never raises for an AWS or network failure."""
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    service = "SageMaker" if settings.backend == "sagemaker" else "Bedrock"
    if not settings.name:
        what = "endpoint name" if settings.backend == "sagemaker" else "model id"
        return False, f"The {settings.backend} backend needs the {what}: set [model] name or TABLETALK_MODEL_NAME."
    try:
        aws_session = session(settings)
        region = region_of(aws_session)
        if aws_session.get_credentials() is None:
            return False, _NO_CREDENTIALS
        client = control_client(settings, aws_session)
        if settings.backend == "sagemaker":
            return _sagemaker_endpoint(client, settings.name, region)
        return _bedrock_model(client, settings.name, region)
    except NoRegion as error:
        return False, str(error)
    except NoCredentialsError:
        return False, _NO_CREDENTIALS
    except ClientError as error:
        return False, _client_error(error, service, settings.name, region)
    except BotoCoreError as error:  # no route, DNS, timeouts: the usual sign of a missing VPC endpoint
        where = settings.control_endpoint_url or f"{service}'s API in {region}"
        reason = type(error).__name__
        return False, f"{where} is not reachable ({reason}): from a private subnet it needs a VPC endpoint."


_NO_CREDENTIALS = (
    "No AWS credentials were found: give the app an IAM role (instance profile, ECS task role or IRSA) "
    "or set AWS_PROFILE; keys never belong in secrets.toml."
)


def _sagemaker_endpoint(client: Any, name: str, region: str) -> tuple[bool, str]:
    described = client.describe_endpoint(EndpointName=name)
    status = described.get("EndpointStatus", "")
    if status != "InService":
        reason = f" ({described['FailureReason'].rstrip('.')})" if described.get("FailureReason") else ""
        return False, f"The SageMaker endpoint {name} is {status}{reason}, not InService: questions fail until it is."
    return True, f"The SageMaker endpoint {name} in {region} is InService."


def _bedrock_model(client: Any, model_id: str, region: str) -> tuple[bool, str]:
    if model_id.startswith("arn:") and ":foundation-model/" not in model_id:
        return True, f"Bedrock model {model_id} is configured (only foundation models are described here)."
    base_model = _PROFILE_PREFIX.sub("", model_id.rsplit("/", 1)[-1])
    client.get_foundation_model(modelIdentifier=base_model)
    availability = client.get_foundation_model_availability(modelId=base_model)
    if availability.get("authorizationStatus") != "AUTHORIZED" or availability.get("entitlementAvailability") != (
        "AVAILABLE"
    ):
        return False, (
            f"The Bedrock model {model_id} is not enabled for this account in {region}: "
            "request access to it in the Bedrock console (Model access)."
        )
    agreement = availability.get("agreementAvailability") or {}
    if agreement.get("status") in ("PENDING", "ERROR"):
        detail = f" ({agreement['errorMessage']})" if agreement.get("errorMessage") else ""
        return False, f"The Bedrock model {model_id}'s offer agreement is {agreement['status'].lower()}{detail}."
    if availability.get("regionAvailability") == "NOT_AVAILABLE":
        return False, f"The Bedrock model {model_id} is not offered in {region}: pick a region that offers it."
    return True, f"Bedrock serves {model_id} in {region}."


def _client_error(error: Any, service: str, name: str, region: str) -> str:
    code = error.response.get("Error", {}).get("Code", "")
    action = f"{'sagemaker' if service == 'SageMaker' else 'bedrock'}:{error.operation_name}"
    if code in _DENIED:
        return (
            f"AWS denied {action} on {name}: attach deploy/aws/iam-policy.json (with this "
            f"{'endpoint' if service == 'SageMaker' else 'model'}'s ARN) to the app's role."
        )
    if code in _BAD_CREDENTIALS:
        return f"AWS rejected the app's credentials ({code}): renew them or check the role the app runs as."
    if service == "SageMaker" and code == "ValidationException" and "Could not find endpoint" in str(error):
        return f"There is no SageMaker endpoint named {name} in {region}: check [model] name and region."
    if service == "Bedrock" and code in ("ResourceNotFoundException", "ValidationException"):
        return f"Bedrock in {region} has no model {name}: check the model id and that the region offers it."
    return f"{service} answered {code or 'an error'} to {error.operation_name}: {_first_line(error)}"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200]
