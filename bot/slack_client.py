"""The app's Web API client: retries connection errors, 429s (after Retry-After) and 5xx."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)


def make_client(token: str | None, api_url: str | None) -> WebClient:
    """A Web API client that retries connection errors, 429s (after Retry-After) and 5xx."""
    return WebClient(
        token=token,
        base_url=api_url or WebClient.BASE_URL,
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )
