"""gunicorn configuration for bench/live_poll.py only: every response carries the number of SQL
queries its request ran, in an `X-Bench-Queries` header. It never ships: production starts
gunicorn without `-c bench/gunicorn_live.py`.

gunicorn loads the application in each worker after forking, then calls `post_worker_init`: the
worker's application is wrapped there, so the server still serves `portal.wsgi` unchanged.
Queries are counted with `connection.execute_wrapper` (no DEBUG needed) on the connection of the
thread that handles the request; Django calls `start_response` once the view has returned, so the
count is complete for every response that is not streamed.
"""


class QueryCountingApplication:
    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        from django.db import connection

        count = [0]

        def counting(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        def start_response_with_count(status, headers, exc_info=None):
            headers = [*headers, ("X-Bench-Queries", str(count[0]))]
            return start_response(status, headers, exc_info)

        with connection.execute_wrapper(counting):
            return self.application(environ, start_response_with_count)


def post_worker_init(worker):
    worker.wsgi = QueryCountingApplication(worker.wsgi)
