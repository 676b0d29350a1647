"""moto's server, answering one request at a time.

DynamoDB applies each conditional write and each transaction atomically. moto's
threaded server does not: two concurrent transactions can both pass their conditions
and both write. Tests of "exactly once under concurrency" would then fail (or pass) by
luck, so the emulator takes requests one after another; each is a few milliseconds.
Usage is moto_server's: python infra/moto_server.py -H 127.0.0.1 -p PORT
"""

import threading

from moto import server
from moto.moto_server.werkzeug_app import DomainDispatcherApplication

_one_at_a_time = threading.Lock()
_dispatch = DomainDispatcherApplication.__call__


def _serialized(self, environ, start_response):
    with _one_at_a_time:
        # Materialize the body inside the lock so the whole request is handled in it.
        return list(_dispatch(self, environ, start_response))


DomainDispatcherApplication.__call__ = _serialized

# moto backs up a table before a transaction by deep-copying it once per item of the
# transaction that names it (moto 5.2.5, DynamoDBBackend.transact_write_items): a
# 90-item transaction copied its table 90 times. All those copies are taken before
# anything is written, so one copy per object is the same snapshot: the copies made
# during one transaction are shared (each original kept alive, so ids stay unique).
import copy as _copy
import types as _types

from moto.dynamodb import models as _dynamodb_models

_transact = _dynamodb_models.DynamoDBBackend.transact_write_items


def _transact_copying_once(self, transact_items):
    copies = {}

    def deepcopy_once(obj, memo=None):
        if id(obj) not in copies:
            copies[id(obj)] = (obj, _copy.deepcopy(obj, memo))
        return copies[id(obj)][1]

    _dynamodb_models.copy = _types.SimpleNamespace(deepcopy=deepcopy_once)
    try:
        return _transact(self, transact_items)
    finally:
        _dynamodb_models.copy = _copy


_dynamodb_models.DynamoDBBackend.transact_write_items = _transact_copying_once

if __name__ == "__main__":
    server.main()
