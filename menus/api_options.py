"""The manager's option groups (``/api/v1/admin/option-groups/``) and the one-tap sold-out
switch of a choice (``/api/v1/admin/option-choices/<id>/``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.request import Request
from rest_framework.response import Response

from menus import option_groups, selectors
from menus.api import MenuManagerViewSet
from menus.models import OptionGroup
from menus.serializers import (
    ManagerOptionChoiceSerializer,
    ManagerOptionGroupSerializer,
    OptionChoiceAvailabilitySerializer,
    OptionGroupWriteSerializer,
)


@extend_schema_view(
    list=extend_schema(summary="Option groups, with their choices and the items offering them"),
    create=extend_schema(
        request=OptionGroupWriteSerializer, responses={201: ManagerOptionGroupSerializer}
    ),
    partial_update=extend_schema(
        request=OptionGroupWriteSerializer,
        responses={200: ManagerOptionGroupSerializer},
        summary="Change a group; `choices`, when given, is the whole list in order",
    ),
    destroy=extend_schema(
        responses={204: None}, summary="Delete a group; past orders keep what they chose"
    ),
)
@extend_schema(tags=["manager: menu"])
class ManagerOptionGroupViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, MenuManagerViewSet
):
    serializer_class = ManagerOptionGroupSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.store_option_groups(store=self.store)

    def create(self, request: Request) -> Response:
        body = OptionGroupWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        group = option_groups.option_group_save(store=self.store, **body.validated_data)
        return Response(self._shown(group), status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str) -> Response:
        group = self.get_object()
        body = OptionGroupWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        fields = {
            "name": group.name,
            "min_choices": group.min_choices,
            "max_choices": group.max_choices,
            "choices": [
                option_groups.ChoiceInput(
                    id=choice.id,
                    name=choice.name,
                    price_delta=choice.price_delta,
                    is_available=choice.is_available,
                )
                for choice in group.choices.all()
            ],
            **body.validated_data,
        }
        group = option_groups.option_group_save(store=self.store, group=group, **fields)
        return Response(self._shown(group))

    def perform_destroy(self, group: OptionGroup) -> None:
        option_groups.option_group_delete(group=group)

    def _shown(self, group: OptionGroup) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=group.pk)).data


@extend_schema(tags=["manager: menu"])
class ManagerOptionChoiceViewSet(MenuManagerViewSet):
    serializer_class = ManagerOptionChoiceSerializer
    http_method_names = ["patch", "options"]

    def get_queryset(self):
        return selectors.store_option_choices(store=self.store)

    @extend_schema(
        request=OptionChoiceAvailabilitySerializer,
        responses={200: ManagerOptionChoiceSerializer},
        summary="Sell a choice out, or bring it back",
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        choice = self.get_object()
        body = OptionChoiceAvailabilitySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        choice = option_groups.option_choice_set_available(choice=choice, **body.validated_data)
        return Response(self.get_serializer(choice).data)
