"""The manager's page for translating the menu, ``/manager/menu/translations/?language=ja``:
every name and description beside its translation in one language, saved at once."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from menus.forms import MenuTranslationForm
from menus.translations import MenuTexts, menu_texts, translations_save
from stores.pages import ManagerPageMixin


class MenuTranslationsView(ManagerPageMixin, View):
    template_name = "manager/translations.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        language = self._language()
        texts = menu_texts(store=self.store, language=language)
        return self._render(language, texts, MenuTranslationForm(list(texts.all())))

    def post(self, request: HttpRequest) -> HttpResponse:
        language = self._language()
        texts = menu_texts(store=self.store, language=language)
        form = MenuTranslationForm(list(texts.all()), request.POST)
        if not form.is_valid():
            return self._render(language, texts, form, status=400)
        changes = [(text, form.cleaned_data[text.key]) for text in texts.all()]
        count = translations_save(store=self.store, changes=changes)
        messages.success(
            request,
            ngettext("%(count)d text saved.", "%(count)d texts saved.", count) % {"count": count}
            if count
            else _("Nothing changed."),
        )
        url = reverse("manager:translations")
        return HttpResponseRedirect(f"{url}?language={language}")

    def _language(self) -> str:
        """The language translated into: ``?language=``, else the first that is not the
        store's own; 404 for the store's own or one we have no menus in."""
        others = [code for code, _name in settings.LANGUAGES if code != self.store.language]
        language = self.request.GET.get("language") or others[0]
        if language not in others:
            raise Http404("No such language to translate into.")
        return language

    def _render(
        self, language: str, texts: MenuTexts, form: MenuTranslationForm, status: int = 200
    ) -> HttpResponse:
        def rows(head, lines):
            return {"head": (head, form[head.key]), "lines": [(t, form[t.key]) for t in lines]}

        names = dict(settings.LANGUAGES)
        context = {
            "form": form,
            "language": language,
            "language_name": names[language],
            "store_language_name": names[self.store.language],
            "languages": [
                (code, name) for code, name in settings.LANGUAGES if code != self.store.language
            ],
            "categories": [rows(head, lines) for head, lines in texts.categories],
            "groups": [rows(head, lines) for head, lines in texts.groups],
        }
        return render(
            request=self.request, template_name=self.template_name, context=context, status=status
        )
