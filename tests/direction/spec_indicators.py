"""URL specs of the shared direction's indicators pages (read by tests/urlspec.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from factories import World
from urlspec import Spec


def specs() -> dict[str, Spec]:
    from direction import kit_indicators as kit
    from traction.direction.models import Indicator, IndicatorValue

    def indicator(w: World) -> dict[str, Any]:
        return {
            "title": "Still at home 91 days after reablement",
            "description": "",
            "level": "service",
            "question": "better_off",
            "polarity": "high",
            "unit": "%",
            "outcomes": [kit.make_outcome(w.partnership).pk],
            "area_code": "E06000014",
            "area_name": "York",
            "area_type": "",
            "benchmark_code": "",
            "benchmark_name": "",
            "source": "local",
            "fingertips_id": "",
            "fingertips_area_type": "",
            "fingertips_profile": "",
            "baseline_period": "2019/20",
            "target": "86",
            "target_period": "2025/26",
        }

    def upload(w: World) -> dict[str, Any]:
        body = b"period,value,lower_ci,upper_ci\n2024,1790,1700,1880\n"
        return {"file": SimpleUploadedFile("values.csv", body, content_type="text/csv")}

    return {
        "indicator-list": Spec("page", Indicator, "view"),
        "indicator-create": Spec("form", Indicator, "add", data=indicator),
        "indicator-detail": Spec("page", Indicator, "view", kit.world_indicator),
        "indicator-update": Spec("form", Indicator, "change", kit.world_indicator, indicator),
        "indicator-delete": Spec("delete", Indicator, "delete", kit.fresh_indicator),
        "indicator-upload": Spec("form", IndicatorValue, "add", kit.world_indicator, upload, multipart=True),
        "indicator-pull": Spec("post", Indicator, "change", kit.world_fingertips, lambda w: {}),
    }
