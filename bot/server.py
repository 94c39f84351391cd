"""`itag-bot serve`: gunicorn in front of the WSGI app, one app per worker process."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from bot.settings import Settings
from bot.slack_token import TokenCheck

Loader = Callable[[Settings], Any]


def load_itag_app(settings: Settings) -> Any:
    """Build the real app inside a worker, after fork, so no connection crosses processes."""
    from bot.services import create_services
    from bot.slack_app import create_bolt_app
    from bot.wsgi import create_wsgi_app

    services = create_services(settings)
    return create_wsgi_app(services, create_bolt_app(services))


class ItagServer(BaseApplication):  # type: ignore[misc]
    """Gunicorn configured from our settings; each worker builds its own app after fork."""

    def __init__(
        self, settings: Settings, options: dict[str, Any] | None = None, loader: Loader = load_itag_app
    ) -> None:
        self.settings = settings
        self.loader = loader
        self.options = {
            "bind": f"0.0.0.0:{settings.port}",
            "workers": settings.web_concurrency,
            "worker_class": "gthread",
            "threads": 8,
            "timeout": 30,
            "graceful_timeout": 20,
            "accesslog": "-",
            **(options or {}),
        }
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.loader(self.settings)


def serve(settings: Settings, loader: Loader = load_itag_app, **options: Any) -> None:
    """Run gunicorn until it is told to stop; a bad token or a Slack outage is logged, not fatal."""
    if settings.bot_token:
        TokenCheck(settings.bot_token, settings.api_url).state()  # one log line, before the fork
    ItagServer(settings, options, loader).run()
