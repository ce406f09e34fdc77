#!/bin/sh
# Regenerates the TLS test fixtures: two CAs, node certificates and PKCS#8 keys, valid 100 years.
# Needs OpenSSL 3; run from this directory. See README.md.
set -eu
DAYS=36500

ca() { # name, subject
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1-key.pem"
    openssl req -x509 -new -key "$1-key.pem" -subj "$2" -days $DAYS -sha256 \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$1.pem"
}

node() { # name, subject, SAN, issuing CA
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1-key.pem"
    openssl req -new -key "$1-key.pem" -subj "$2" -out "$1.csr"
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=%s\n' "$3" > "$1.ext"
    openssl x509 -req -in "$1.csr" -CA "$4.pem" -CAkey "$4-key.pem" -CAcreateserial -days $DAYS -sha256 \
        -extfile "$1.ext" -out "$1.pem"
    rm -f "$1.csr" "$1.ext"
}

ca ca "/O=cupnet tests/CN=cupnet test CA"
ca rogue-ca "/O=somebody else/CN=rogue CA"
node node-a "/O=cupnet tests/CN=node-a" "IP:127.0.0.1,DNS:node-a.cupnet.test" ca
node node-b "/O=cupnet tests/CN=node-b" "IP:127.0.0.1,DNS:node-b.cupnet.test" ca
node elsewhere "/O=cupnet tests/CN=elsewhere" "IP:192.0.2.10" ca
node rogue "/O=somebody else/CN=rogue" "IP:127.0.0.1" rogue-ca
openssl pkcs8 -topk8 -v2 aes-256-cbc -in node-a-key.pem -passout pass:cupnet-secret -out node-a-key-encrypted.pem
rm -f ./*.srl
