from django.apps import AppConfig


class MenusConfig(AppConfig):
    name = "menus"
    verbose_name = "Menus"

    def ready(self) -> None:
        from menus import signals  # noqa: F401 (connects the receivers)
