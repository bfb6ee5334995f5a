from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "traction.core"
    label = "core"
    verbose_name = "Tenancy, permissions and audit"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from traction.core import signin
        from traction.core.twofactor import sessions

        user_login_failed.connect(signin.on_login_failed, dispatch_uid="traction-signin-failed")
        user_locked_out.connect(signin.on_locked_out, dispatch_uid="traction-signin-locked")
        user_logged_in.connect(sessions.on_logged_in, dispatch_uid="traction-twofactor-state")
