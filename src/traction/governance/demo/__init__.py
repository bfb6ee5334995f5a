"""The bundled demo: two fictional partnerships whose record shows every work-avoidance signal.

``load_demo`` writes them (the ``load_demo`` management command and ``make demo`` call it).
"""

from traction.governance.demo.loader import DEMO_PASSWORD, DemoError, DemoSummary, DemoUser, load_demo

__all__ = ["DEMO_PASSWORD", "DemoError", "DemoSummary", "DemoUser", "load_demo"]
