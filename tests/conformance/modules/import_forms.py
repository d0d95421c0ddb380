import math
import math as m
from math import sqrt, pi as PI
import sys, os
print(math.sqrt(16), m.sqrt(2), sqrt(81), PI == math.pi)
print(m is math, type(math).__name__, math.__name__)
print(sys.argv[0])
print(sys.maxsize == 2 ** 63 - 1, sys.version_info[:2] >= (3, 0), sys.version_info.major == 3)
print(os.environ.get("NO_SUCH_VAR_FOR_GILDED", "dflt"))
from math import *
print(floor(2.7), ceil(2.1))
