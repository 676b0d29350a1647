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

if __name__ == "__main__":
    server.main()
