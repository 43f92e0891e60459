"""boto3 clients for the AWS backends: the standard credential chain, the configured region and VPC endpoints.

Credentials are never read from settings: boto3 finds them (environment, shared profile, container or
instance role, IRSA) and signs every request with SigV4. Only boto3 is imported here, so the sidebar's
health check stays free of LangChain.
"""

from __future__ import annotations

from typing import Any

from settings import ModelSettings

# The runtime API (InvokeEndpoint / Converse) and the control plane the health check describes with.
RUNTIME_SERVICES = {"sagemaker": "sagemaker-runtime", "bedrock": "bedrock-runtime"}
CONTROL_SERVICES = {"sagemaker": "sagemaker", "bedrock": "bedrock"}


class NoRegion(ValueError):
    """Neither the settings nor the AWS configuration name a region."""


def session(settings: ModelSettings) -> Any:
    import boto3  # late: a second's import, only for the AWS backends

    return boto3.session.Session(region_name=settings.region or None)


def region_of(aws_session: Any) -> str:
    if not aws_session.region_name:
        raise NoRegion("No AWS region is configured: set [model] region or AWS_REGION.")
    return str(aws_session.region_name)


def client_config(timeout_seconds: float, connect_seconds: float = 10.0) -> Any:
    """One attempt per call (the chain has its own re-tries) and the configured read timeout."""
    from botocore.config import Config

    return Config(
        connect_timeout=min(connect_seconds, timeout_seconds),
        read_timeout=timeout_seconds,
        retries={"total_max_attempts": 1, "mode": "standard"},
        user_agent_appid="tabletalk",
    )


def runtime_client(settings: ModelSettings, aws_session: Any | None = None) -> Any:
    aws_session = aws_session or session(settings)
    return aws_session.client(
        RUNTIME_SERVICES[settings.backend],
        region_name=region_of(aws_session),
        endpoint_url=settings.endpoint_url or None,
        config=client_config(settings.timeout_seconds),
    )


def control_client(settings: ModelSettings, aws_session: Any | None = None, timeout_seconds: float = 5.0) -> Any:
    aws_session = aws_session or session(settings)
    return aws_session.client(
        CONTROL_SERVICES[settings.backend],
        region_name=region_of(aws_session),
        endpoint_url=settings.control_endpoint_url or None,
        config=client_config(timeout_seconds, connect_seconds=3.0),
    )
