"""Django admin for platform staff: stores, their managers and tables, tablets' device
credentials and login lockouts; and Django admin's own login, under the same lockout as
every other login."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.admin import DeleteThroughServiceMixin
from stores import services
from stores.errors import InvalidCredentials, TableNumberTaken, TooManyAttempts
from stores.login_throttle import client_address
from stores.models import (
    TABLE_PASSWORD_MIN_LENGTH,
    DeviceCredential,
    LoginThrottle,
    Store,
    Table,
    User,
)


class ManagerInline(admin.TabularInline):
    model = User
    fields = ["username", "role", "is_active", "last_login"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("account")
    verbose_name_plural = _("managers and kitchen accounts")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "table_count", "created_at"]
    search_fields = ["code", "name"]
    readonly_fields = ["created_at"]
    inlines = [ManagerInline]

    def get_queryset(self, request):
        live_tables = Count("tables", filter=Q(tables__deleted_at=None))
        return super().get_queryset(request).annotate(live_tables=live_tables)

    @admin.display(description=_("tables"), ordering="live_tables")
    def table_count(self, store: Store) -> int:
        return store.live_tables

    def save_model(self, request, store: Store, form, change: bool) -> None:
        if not change:  # a store with no manager yet: nothing a service adds
            super().save_model(request, store, form, change)
            return
        # Through the service: a new language or day start tells the store's tablets.
        data = form.cleaned_data
        services.store_update(
            store=store,
            code=data.get("code"),
            name=data.get("name"),
            language=data.get("language"),
            business_day_starts=data.get("business_day_starts"),
            ticket_amber_minutes=data.get("ticket_amber_minutes"),
            ticket_red_minutes=data.get("ticket_red_minutes"),
        )


class StoreUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["store", "username", "role"]

    def clean_username(self) -> str:
        # Django's own check spans every user; ours is per store (or among staff).
        username = self.cleaned_data.get("username")
        store = self.cleaned_data.get("store")
        if username and User.objects.filter(store=store, username__iexact=username).exists():
            raise forms.ValidationError(_("This store already has a user with that username."))
        return username


class StoreUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Managers and kitchen accounts (with a store, ``role``) and platform staff (without).
    The model's constraints keep a username unique within its store and managers out of
    staff; forms report both."""

    form = StoreUserChangeForm
    add_form = StoreUserCreationForm
    list_display = ["username", "store", "role", "is_active", "is_staff", "last_login"]
    list_filter = ["role", "is_active", "is_staff", "is_superuser", "store"]
    list_select_related = ["store"]
    search_fields = ["username", "store__code", "store__name"]
    autocomplete_fields = ["store"]
    ordering = ["store__code", "username"]
    fieldsets = [
        (None, {"fields": ["store", "username", "role", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "description": _("Leave the store empty for platform staff."),
                "fields": ["store", "username", "role", "password1", "password2"],
            },
        )
    ]


class TableForm(forms.ModelForm):
    """A write-only password: required for a new table, blank keeps the current one. The
    hash is never shown."""

    new_password = forms.CharField(
        label=_("Password"),
        required=False,
        min_length=TABLE_PASSWORD_MIN_LENGTH,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("What the tablet logs in with. Leave blank to keep the current one."),
    )

    class Meta:
        model = Table
        fields = ["store", "number"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not cleaned.get("new_password"):
            self.add_error("new_password", _("A new table needs a password."))
        store, number = cleaned.get("store"), cleaned.get("number")
        if (
            store
            and number
            and services.table_number_taken(
                store_id=store.id, number=number, table_id=self.instance.pk
            )
        ):
            self.add_error("number", TableNumberTaken.default_detail)
        return cleaned


@admin.register(Table)
class TableAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    form = TableForm
    list_display = ["number", "store", "created_at", "deleted_at"]
    list_filter = ["store", ("deleted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["store"]
    search_fields = ["store__code", "number"]
    autocomplete_fields = ["store"]
    ordering = ["store__code", "number"]

    def get_readonly_fields(self, request, obj=None):
        return ["store"] if obj else []  # a table never moves to another store

    def save_model(self, request, table: Table, form: TableForm, change: bool) -> None:
        # Through the services: numbers stay unique and a new password ends old tokens.
        password = form.cleaned_data.get("new_password") or None
        if change:
            number = form.cleaned_data["number"]
            services.table_update(
                table=Table.objects.get(pk=table.pk), number=number, password=password
            )
        else:
            created = services.table_create(
                store=table.store, number=table.number, password=password
            )
            table.pk, table.password = created.pk, created.password

    def delete_through_service(self, request, table: Table) -> None:
        services.table_delete(table=table)  # refused while the table's visit is open


@admin.register(DeviceCredential)
class DeviceCredentialAdmin(admin.ModelAdmin):
    """The tablets signed in for each table; deleting one signs that tablet out (it must be set
    up again). Only a digest of each key is kept, so there is nothing to show or copy."""

    list_display = ["table", "store", "created_at", "last_used_at"]
    list_filter = ["table__store"]
    list_select_related = ["table__store"]
    search_fields = ["table__store__code", "table__number"]
    fields = ["table", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("store"), ordering="table__store__code")
    def store(self, device: DeviceCredential) -> Store:
        return device.table.store


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin):
    """Failed logins being counted, and lockouts: deleting a row ends it at once. Keys are
    ``table:store:number``, ``admin:store:username`` or ``staff:username``, per account and
    per account and address (``…@address``)."""

    list_display = ["key", "failures", "first_failure_at", "locked_until"]
    list_filter = [("locked_until", admin.EmptyFieldListFilter)]
    search_fields = ["key"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request) -> bool:
        return False


class StaffLoginForm(AdminAuthenticationForm):
    """Django admin's login, counted and locked out as every other login is
    (``stores.services.staff_login``)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data

        def check():
            self.user_cache = authenticate(self.request, username=username, password=password)
            return self.user_cache

        try:
            services.staff_login(
                username=username, address=client_address(self.request), authenticate=check
            )
        except TooManyAttempts as locked:
            raise forms.ValidationError(locked.detail, code="locked") from locked
        except InvalidCredentials as wrong:
            raise self.get_invalid_login_error() from wrong
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


admin.site.login_form = StaffLoginForm
