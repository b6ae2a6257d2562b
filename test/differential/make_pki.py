"""Certificates the libvirtd ground-truth test needs and cannot keep in the repository's
fixtures because they depend on the day: written with python3-cryptography (a dependency of
python3-nova), signed by test/fixtures/pki's CA.

  make_pki.py other DIR          a pkipath folder (cacert.pem, clientcert.pem, clientkey.pem)
                                 for CN=intruder.example.org, O=Example Cloud
  make_pki.py foreign DIR        a pkipath folder whose client certificate a CA of its own
                                 signed, which no host trusts (CN=rogue.example.org)
  make_pki.py expired-server DIR servercert.pem and serverkey.pem for compute-1.example.org,
                                 whose validity ended a year ago
"""
import datetime
import os
import shutil
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "pki")


def ca():
    with open(os.path.join(FIXTURES, "ca-cert.pem"), "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    with open(os.path.join(FIXTURES, "ca-key.pem"), "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    return cert, key


def issue(name, not_before, not_after, issuer=None):
    ca_cert, ca_key = issuer or ca()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Example Cloud"),
                         x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_encipherment=True, content_commitment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    mode, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    if mode == "other":
        cert, key = issue("intruder.example.org", now - datetime.timedelta(days=1), now + datetime.timedelta(days=3650))
        shutil.copyfile(os.path.join(FIXTURES, "ca-cert.pem"), os.path.join(out, "cacert.pem"))
        write(os.path.join(out, "clientcert.pem"), cert)
        write(os.path.join(out, "clientkey.pem"), key)
    elif mode == "foreign":
        # A CA of its own, which the hosts do not trust, and a client certificate it signed.
        rogue_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        rogue = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Rogue"), x509.NameAttribute(NameOID.COMMON_NAME, "Rogue CA")])
        rogue_cert = (x509.CertificateBuilder().subject_name(rogue).issuer_name(rogue).public_key(rogue_key.public_key())
                      .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                      .not_valid_after(now + datetime.timedelta(days=3650))
                      .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                      .add_extension(x509.KeyUsage(digital_signature=False, key_encipherment=False, content_commitment=False,
                                                   data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                                   crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
                      .sign(rogue_key, hashes.SHA256()))
        cert, key = issue("rogue.example.org", now - datetime.timedelta(days=1), now + datetime.timedelta(days=3650),
                          (rogue_cert, rogue_key))
        write(os.path.join(out, "cacert.pem"), rogue_cert.public_bytes(serialization.Encoding.PEM))
        write(os.path.join(out, "clientcert.pem"), cert)
        write(os.path.join(out, "clientkey.pem"), key)
    elif mode == "expired-server":
        cert, key = issue("compute-1.example.org", now - datetime.timedelta(days=730), now - datetime.timedelta(days=365))
        write(os.path.join(out, "servercert.pem"), cert)
        write(os.path.join(out, "serverkey.pem"), key)
    else:
        sys.exit("usage: make_pki.py other|foreign|expired-server DIR")


main()
