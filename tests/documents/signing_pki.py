"""A local PKI for the signing tests: a root CA, an OCSP responder and a time-stamp authority,
both served over HTTP on the loopback address. Everything is generated at test time.
"""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from documents.signing import pki

PASSWORD = "mat-khau-chung-thu"


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


class LocalPki:
    def __init__(self, directory: Path):
        self.root = pki.make_root("Thidua Test Root CA", organisation="Kiểm thử thidua")
        self.tsa = pki.issue(self.root, common_name="Thidua Test TSA", purpose="tsa")
        self.responder = pki.issue(self.root, common_name="Thidua Test OCSP", purpose="ocsp")
        self.issued: dict[int, x509.Certificate] = {}
        self.revoked: dict[int, dt.datetime] = {}
        self.requests: list[str] = []
        self.root_path = directory / "test-root.pem"
        self.root_path.write_bytes(self.root.cert_pem)
        self._stamper = DummyTimeStamper(
            tsa_cert=_asn1_cert(self.tsa.cert),
            tsa_key=asn1_keys.PrivateKeyInfo.load(
                self.tsa.key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
            ),
            certs_to_embed=[_asn1_cert(self.root.cert)],
        )
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def ocsp_url(self) -> str:
        return f"{self.base_url}/ocsp"

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/tsa"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def person(self, name: str, organisation: str, **kwargs) -> tuple[bytes, pki.Issued]:
        """A PKCS#12 (password ``PASSWORD``) for a signer, its certificate pointing at our OCSP."""
        issued = pki.issue(self.root, common_name=name, organisation=organisation, ocsp_url=self.ocsp_url, **kwargs)
        self.issued[issued.cert.serial_number] = issued.cert
        return pki.to_pkcs12(issued, chain=[self.root.cert], password=PASSWORD.encode()), issued

    def revoke(self, issued: pki.Issued) -> None:
        self.revoked[issued.cert.serial_number] = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)

    def _ocsp(self, body: bytes) -> bytes:
        request = ocsp.load_der_ocsp_request(body)
        cert = self.issued.get(request.serial_number)
        if cert is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED).public_bytes(
                serialization.Encoding.DER
            )
        now = dt.datetime.now(dt.UTC)
        revoked_at = self.revoked.get(request.serial_number)
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=cert,
            issuer=self.root.cert,
            algorithm=hashes.SHA1() if request.hash_algorithm.name == "sha1" else hashes.SHA256(),
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked_at else ocsp.OCSPCertStatus.GOOD,
            this_update=now - dt.timedelta(minutes=1),
            next_update=now + dt.timedelta(hours=1),
            revocation_time=revoked_at,
            revocation_reason=x509.ReasonFlags.key_compromise if revoked_at else None,
        )
        builder = builder.responder_id(ocsp.OCSPResponderEncoding.HASH, self.responder.cert).certificates([self.responder.cert])
        for extension in request.extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                builder = builder.add_extension(extension.value, critical=False)
        return builder.sign(self.responder.key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

    def _tsa(self, body: bytes) -> bytes:
        return self._stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()

    def _handler(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server interface
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                owner.requests.append(self.path)
                if self.path.startswith("/ocsp"):
                    payload, kind = owner._ocsp(body), "application/ocsp-response"
                elif self.path.startswith("/tsa"):
                    payload, kind = owner._tsa(body), "application/timestamp-reply"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        return Handler
