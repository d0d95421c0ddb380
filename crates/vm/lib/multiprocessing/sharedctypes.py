"""Numbers and arrays in shared memory: Value, Array, RawValue, RawArray.

    counter = Value('i', 0)          # an int every process sees
    def work(counter):
        for _ in range(1000):
            with counter.get_lock():  # without the lock, updates get lost
                counter.value += 1

The memory is a native ``_gilded_mp.SharedArray``: a typed array in a shared
memory mapping which children inherit.  Reading or writing one element is a
single load or store; ``counter.value += 1`` is a read *and* a write, so two
processes doing it at once lose updates -- hence the lock.

* RawValue / RawArray: the bare shared memory, no lock.  (CPython returns
  ctypes objects; gilded has no ctypes, so these are small classes with the
  same names and reprs: ``c_int(5)``, ``c_double(1.5)``, ...)
* Value / Array: the same wrapped in a Synchronized object carrying a lock
  (an RLock unless you give one, or none with lock=False).  ``.value`` and
  item access take the lock for each access; get_lock() returns it so you can
  hold it around a read-modify-write.

Typecodes are those of the array module: b B h H i I l L q Q f d, and c for
single bytes.

This is gilded's version of CPython's Lib/multiprocessing/sharedctypes.py.
"""

__all__ = ['RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized']

import _gilded_mp
import multiprocessing.context as context

_SharedArray = _gilded_mp.SharedArray


# ---------------------------------------------------------------------------
# The shared objects themselves (CPython: ctypes types)

class _SimpleCData:
    """One shared number (or byte, for c_char), like a ctypes simple type."""

    _type_ = None

    def __init__(self, *args):
        if len(args) > 1:
            raise TypeError('function takes at most 1 argument (%d given)'
                            % len(args))
        self._array = _SharedArray(self._type_, 1)
        if args:
            self.value = args[0]

    @property
    def value(self):
        return self._array[0]

    @value.setter
    def value(self, value):
        self._array[0] = value

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self.value)

    def __getstate__(self):
        context.assert_spawning(self)
        return self.__dict__


class c_char(_SimpleCData): _type_ = 'c'
class c_byte(_SimpleCData): _type_ = 'b'
class c_ubyte(_SimpleCData): _type_ = 'B'
class c_short(_SimpleCData): _type_ = 'h'
class c_ushort(_SimpleCData): _type_ = 'H'
class c_int(_SimpleCData): _type_ = 'i'
class c_uint(_SimpleCData): _type_ = 'I'
class c_long(_SimpleCData): _type_ = 'l'
class c_ulong(_SimpleCData): _type_ = 'L'
class c_float(_SimpleCData): _type_ = 'f'
class c_double(_SimpleCData): _type_ = 'd'


# On 64-bit Linux, ctypes' c_longlong *is* c_long (same size), so 'q' and 'Q'
# show as c_long / c_ulong in CPython too.
class c_longlong(_SimpleCData): _type_ = 'q'
class c_ulonglong(_SimpleCData): _type_ = 'Q'
c_longlong.__name__ = c_longlong.__qualname__ = 'c_long'
c_ulonglong.__name__ = c_ulonglong.__qualname__ = 'c_ulong'

typecode_to_type = {
    'c': c_char,
    'b': c_byte,  'B': c_ubyte,
    'h': c_short, 'H': c_ushort,
    'i': c_int,   'I': c_uint,
    'l': c_long,  'L': c_ulong,
    'q': c_longlong, 'Q': c_ulonglong,
    'f': c_float, 'd': c_double
}


class _CArray:
    """A shared array of numbers (or bytes), like a ctypes array type."""

    def __init__(self, type_, length):
        self._type_ = type_
        self._length_ = length
        self._array = _SharedArray(type_._type_, length)

    def __len__(self):
        return self._length_

    def __getitem__(self, i):
        return self._array[i]

    def __setitem__(self, i, value):
        self._array[i] = value

    def __iter__(self):
        for i in range(self._length_):
            yield self._array[i]

    def __repr__(self):
        return '<%s.%s_Array_%d object at %#x>' % (
            __name__, self._type_.__name__, self._length_, id(self))

    def _require_char(self, attr):
        # Arrays of other types have no such attribute, as in ctypes.
        if self._type_ is not c_char:
            raise AttributeError("'%s_Array_%d' object has no attribute '%s'"
                                 % (self._type_.__name__, self._length_, attr))

    def _check_fits(self, value):
        if len(value) > self._length_:
            raise ValueError("byte string too long")

    # For arrays of c_char: .value stops at the first NUL, .raw is all of it.
    @property
    def value(self):
        self._require_char('value')
        return self._array.value

    @value.setter
    def value(self, value):
        self._require_char('value')
        if not isinstance(value, bytes):
            raise TypeError("bytes expected instead of %s instance"
                            % type(value).__name__)
        self._check_fits(value)
        self._array[0:len(value)] = value
        if len(value) < self._length_:
            self._array[len(value)] = b'\x00'

    @property
    def raw(self):
        self._require_char('raw')
        return self._array.raw

    @raw.setter
    def raw(self, value):
        self._require_char('raw')
        self._check_fits(value)
        self._array[0:len(value)] = bytes(value)

    def __getstate__(self):
        context.assert_spawning(self)
        return self.__dict__


def _type_of(typecode_or_type):
    type_ = typecode_to_type.get(typecode_or_type, typecode_or_type)
    if not (isinstance(type_, type) and issubclass(type_, _SimpleCData)):
        raise TypeError('this type has no size')
    return type_


# ---------------------------------------------------------------------------
# The public functions

def RawValue(typecode_or_type, *args):
    '''
    Returns a ctypes object allocated from shared memory
    '''
    type_ = _type_of(typecode_or_type)
    return type_(*args)


def RawArray(typecode_or_type, size_or_initializer):
    '''
    Returns a ctypes array allocated from shared memory
    '''
    type_ = _type_of(typecode_or_type)
    if isinstance(size_or_initializer, int):
        return _CArray(type_, size_or_initializer)
    else:
        initializer = list(size_or_initializer)
        result = _CArray(type_, len(initializer))
        if type_ is c_char:
            result._array[:] = bytes(initializer)
        else:
            for i, value in enumerate(initializer):
                result._array[i] = value
        return result


def _with_lock(obj, lock, ctx):
    # Value() and Array(): lock=False gives the raw object, True or None a
    # new RLock, anything else is the lock to use.
    if lock is False:
        return obj
    if lock in (True, None):
        ctx = ctx or context._default_context.get_context()
        lock = ctx.RLock()
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return synchronized(obj, lock, ctx=ctx)


def Value(typecode_or_type, *args, lock=True, ctx=None):
    '''
    Return a synchronization wrapper for a Value
    '''
    obj = RawValue(typecode_or_type, *args)
    return _with_lock(obj, lock, ctx)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    '''
    Return a synchronization wrapper for a RawArray
    '''
    obj = RawArray(typecode_or_type, size_or_initializer)
    return _with_lock(obj, lock, ctx)


def copy(obj):
    if isinstance(obj, _CArray):
        return RawArray(obj._type_, list(obj))
    new_obj = type(obj)()
    new_obj.value = obj.value
    return new_obj


def synchronized(obj, lock=None, ctx=None):
    assert not isinstance(obj, SynchronizedBase), 'object already synchronized'
    ctx = ctx or context._default_context.get_context()

    if isinstance(obj, _CArray):
        if obj._type_ is c_char:
            return SynchronizedString(obj, lock, ctx)
        return SynchronizedArray(obj, lock, ctx)
    return Synchronized(obj, lock, ctx)


# ---------------------------------------------------------------------------
# Synchronized wrappers: every access holds the lock

class SynchronizedBase(object):

    def __init__(self, obj, lock=None, ctx=None):
        self._obj = obj
        if lock:
            self._lock = lock
        else:
            ctx = ctx or context._default_context.get_context()
            self._lock = ctx.RLock()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._obj, self._lock)

    def __setstate__(self, state):
        self._obj, self._lock = state

    # (CPython copies the lock's bound methods onto the wrapper; here they
    # delegate, because in a child the lock's own state may be restored only
    # after the wrapper's.)
    def acquire(self, *args, **kwargs):
        return self._lock.acquire(*args, **kwargs)

    def release(self):
        return self._lock.release()

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return '<%s wrapper for %s>' % (type(self).__name__, self._obj)


def _locked_property(name):
    # The wrappers' value and raw: self._obj's attribute, read and written
    # holding the lock (CPython's make_property).
    def fget(self):
        with self._lock:
            return getattr(self._obj, name)

    def fset(self, value):
        with self._lock:
            setattr(self._obj, name, value)

    return property(fget, fset)


class Synchronized(SynchronizedBase):

    value = _locked_property('value')


class SynchronizedArray(SynchronizedBase):

    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self:
            self._obj[i] = value

    def __iter__(self):
        for i in range(len(self._obj)):
            yield self[i]


class SynchronizedString(SynchronizedArray):

    value = _locked_property('value')
    raw = _locked_property('raw')
