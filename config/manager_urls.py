"""The manager's pages at /manager/, each owned by the app whose data it shows."""

app_name = "manager"

urlpatterns = []
