from django.urls import path

from stores import api

urlpatterns = [
    path("auth/table/", api.TableLoginView.as_view(), name="auth-table"),
    path("auth/table/device/", api.DeviceLoginView.as_view(), name="auth-table-device"),
    path("auth/admin/", api.ManagerLoginView.as_view(), name="auth-admin"),
]
