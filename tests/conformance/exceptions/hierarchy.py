chain = [ZeroDivisionError, KeyError, IndexError, UnboundLocalError, RecursionError,
         ModuleNotFoundError, FileNotFoundError, StopIteration, KeyboardInterrupt, SystemExit, NotImplementedError]
for cls in chain:
    print(cls.__name__, [b.__name__ for b in cls.__mro__[1:]])
print(issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException))
print(issubclass(SystemExit, Exception), issubclass(Exception, BaseException))
