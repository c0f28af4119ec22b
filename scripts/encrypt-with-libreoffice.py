#!/usr/bin/python3
# Saves a workbook with an open password through LibreOffice (UNO), as .xls and .ods,
# to make the encrypted fixtures under test/fixtures/formats (scripts/make-format-fixtures.mjs runs
# it). Needs Debian's libreoffice-calc-nogui and python3-uno; run with /usr/bin/python3.
#   encrypt-with-libreoffice.py SOURCE.xlsx OUTDIR PASSWORD
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    src, outdir, password = sys.argv[1], sys.argv[2], sys.argv[3]
    port = 2002 + os.getpid() % 1000
    profile = f"file:///tmp/pe-lo-profile-{os.getpid()}"
    office = subprocess.Popen([
        "soffice", "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile}",
        f"--accept=socket,host=127.0.0.1,port={port};urp;",
    ])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(100):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        if ctx is None:
            sys.exit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
        stem = os.path.splitext(os.path.basename(src))[0]
        # .xlsx is left out: LibreOffice 7.4 saves it unencrypted whatever the Password says.
        for ext, flt in (("xls", "MS Excel 97"), ("ods", "calc8")):
            out = os.path.abspath(os.path.join(outdir, f"{stem}.password.{ext}"))
            doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", flt), prop("Password", password)))
            print(out)
        doc.close(True)
    finally:
        office.terminate()
        office.wait(30)


main()
