"""Work-avoidance diagnosis in the web app: the signals of ``traction_analysis.signals``, computed in the
database."""
