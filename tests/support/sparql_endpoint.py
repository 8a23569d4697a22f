"""A SPARQL 1.1 Protocol endpoint for the tests: pyoxigraph's store behind
Python's http.server, on 127.0.0.1 only.

Usage: python3 sparql_endpoint.py [DATA.nq]
Loads the N-Quads file (if given), prints the port it listens on, and
answers
POST /query (application/sparql-query or a form's query=…) and
GET /query?query=… until it is
killed. SELECT and ASK answers are SPARQL JSON, CONSTRUCT and DESCRIBE
answers N-Triples; a query that fails gets 400 with the message.

It is also a Graph Store (SPARQL 1.1 Graph Store HTTP Protocol, the
indirect form) at /store?graph=IRI: PUT replaces the named graph with the
N-Triples body, POST adds them; 204 on success, 400 for RDF that does not
parse (nothing is written then). /slow waits 30 s before it answers, to
test timeouts.
"""

import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox

store = ox.Store()
if len(sys.argv) > 1:
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

    def graph_store(self, replace):
        url = urllib.parse.urlparse(self.path)
        params = urllib.parse.parse_qs(url.query)
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if url.path == "/slow":
            time.sleep(30)
        if url.path != "/store" or "graph" not in params:
            self.send_error(404)
            return
        graph = ox.NamedNode(params["graph"][0])
        try:
            quads = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except Exception as e:
            message = str(e).encode()
            self.send_response(400)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)
            return
        if replace:
            store.remove_graph(graph)
        for t in quads:
            store.add(ox.Quad(t.subject, t.predicate, t.object, graph))
        self.send_response(204)
        self.end_headers()

    def do_PUT(self):
        self.graph_store(replace=True)

    def do_POST(self):
        media = self.headers.get("Content-Type", "").split(";")[0].strip()
        if media == "application/n-triples":
            self.graph_store(replace=False)
            return
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length).decode()
        if media == "application/sparql-query":
            self.answer(body)
        elif media == "application/x-www-form-urlencoded":
            params = urllib.parse.parse_qs(body)
            if "query" not in params:
                self.send_error(400)
                return
            self.answer(params["query"][0])
        else:
            self.send_error(415)

    def do_GET(self):
        params = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        if "query" not in params:
            self.send_error(400)
            return
        self.answer(params["query"][0])


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
