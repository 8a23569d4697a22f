"""A SPARQL 1.1 Protocol endpoint for the tests: pyoxigraph's store behind
Python's http.server, on 127.0.0.1 only.

Usage: python3 sparql_endpoint.py DATA.nq
Loads the N-Quads file, prints the port it listens on, and answers
POST /query (application/sparql-query) and GET /query?query=… until it is
killed. SELECT and ASK answers are SPARQL JSON, CONSTRUCT and DESCRIBE
answers N-Triples; a query that fails gets 400 with the message.
"""

import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pyoxigraph as ox

store = ox.Store()
store.load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, query):
        try:
            result = store.query(query, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryTriples):
                body = result.serialize(format=ox.RdfFormat.N_TRIPLES)
                media = "application/n-triples"
            else:
                body = result.serialize(format=ox.QueryResultsFormat.JSON)
                media = "application/sparql-results+json"
            status = 200
        except Exception as e:  # the client shows the message
            body, media, status = str(e).encode(), "text/plain", 400
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        if self.headers.get("Content-Type", "").split(";")[0] != "application/sparql-query":
            self.send_error(415)
            return
        length = int(self.headers.get("Content-Length", "0"))
        self.answer(self.rfile.read(length).decode())

    def do_GET(self):
        params = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        if "query" not in params:
            self.send_error(400)
            return
        self.answer(params["query"][0])


server = HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
