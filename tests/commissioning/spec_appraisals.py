"""URL specs of the commissioning appraisals pages (read by tests/urlspec.py)."""

from __future__ import annotations

from commissioning import kit_appraisals as kit
from traction.commissioning.models import Option, OptionsAppraisal, OptionScore, SuccessFactor
from urlspec import Spec


def specs() -> dict[str, Spec]:
    appraisal = {"title": "Care at home: options", "preferred_reasons": ""}
    return {
        "appraisal-list": Spec("page", OptionsAppraisal, "view"),
        "appraisal-create": Spec("form", OptionsAppraisal, "add", kit.world_strategy, lambda w: appraisal),
        "appraisal-detail": Spec("page", OptionsAppraisal, "view", kit.world_appraisal),
        "appraisal-update": Spec(
            "form",
            OptionsAppraisal,
            "change",
            kit.world_appraisal,
            lambda w: {"title": "Care at home: options", "preferred_reasons": "Best value."},
        ),
        "appraisal-delete": Spec("delete", OptionsAppraisal, "delete", kit.fresh_appraisal),
        "appraisal-factors": Spec(
            "form",
            SuccessFactor,
            "change",
            kit.world_appraisal,
            lambda w: kit.factors_data(kit.world_appraisal(w)),
        ),
        "option-create": Spec("form", Option, "add", kit.world_appraisal, lambda w: kit.option_data()),
        "option-update": Spec(
            "form",
            Option,
            "change",
            kit.world_option,
            lambda w: kit.option_data(title="Carry on as now", short_list="bau"),
        ),
        "option-delete": Spec("delete", Option, "delete", kit.fresh_option),
        "appraisal-score": Spec(
            "form", OptionScore, "add", kit.world_appraisal, lambda w: kit.score_data(kit.world_appraisal(w))
        ),
        "appraisal-complete": Spec("post", OptionsAppraisal, "change", kit.fresh_ready, lambda w: {}),
        "appraisal-reopen": Spec("post", OptionsAppraisal, "change", kit.fresh_complete, lambda w: {}),
        "appraisal-csv": Spec("page", OptionsAppraisal, "view", kit.world_appraisal),
        "appraisal-xlsx": Spec("page", OptionsAppraisal, "view", kit.world_appraisal),
    }
