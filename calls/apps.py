from django.apps import AppConfig


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = "Staff calls"

    def ready(self) -> None:
        from calls import signals  # noqa: F401 (connects the receivers)
