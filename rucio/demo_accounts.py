"""Demo identities of the local Rucio. Every script and test that signs in reads them from here."""
ACCOUNTS = {
    "root": {"username": "root", "password": "root-secret", "email": "root@rucio-catalog.local"},
    "jdoe": {"username": "jdoe", "password": "jdoe-secret", "email": "jdoe@rucio-catalog.local"},
    "alice": {"username": "alice", "password": "alice-secret", "email": "alice@rucio-catalog.local"},
}


def client_for(account: str):
    """A rucio Client signed in as one of the demo accounts (userpass), on the local server."""
    import os

    from rucio.client import Client

    host = f"http://127.0.0.1:{os.environ.get('RUCIO_PORT', '8080')}"
    creds = ACCOUNTS[account]
    return Client(rucio_host=host, auth_host=host, account=account, auth_type="userpass",
                  creds={"username": creds["username"], "password": creds["password"]})
