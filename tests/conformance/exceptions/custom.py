class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, item):
        super().__init__(f"{item} not found")
        self.item = item
class Invalid(AppError):
    def __init__(self, field, reason):
        self.field = field
        self.reason = reason
    def __str__(self):
        return f"invalid {self.field}: {self.reason}"
for exc in [NotFound("widget"), Invalid("age", "negative"), AppError("generic")]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", e, "|", repr(e) if not isinstance(e, Invalid) else e.args)
try:
    raise NotFound("x")
except NotFound as e:
    print(e.item, e.args)
class WithDefault(Exception):
    def __init__(self, msg="default message"):
        super().__init__(msg)
try:
    raise WithDefault
except WithDefault as e:
    print(e)
print(issubclass(NotFound, Exception))
