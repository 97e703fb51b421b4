# simple commands, PATH search, not found / not executable statuses
echo hello world
/bin/echo absolute path
echo  many   spaces    collapse
nosuchcommand_xyz
echo "status $?"
touch plain; chmod 644 plain
./plain
echo "status $?"
mkdir adir
./adir
echo "status $?"
true; echo "true $?"
false; echo "false $?"
ls plain
