from .council_models import *  # noqa
