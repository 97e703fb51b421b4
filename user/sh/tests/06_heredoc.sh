# here-documents
name=world
cat <<EOF
hello $name
  indented $((1+2))
\$escaped `echo bq`
EOF
cat <<'EOF'
literal $name `x`
EOF
cat <<-EOF
	tab stripped $name
		double tab
	EOF
cat <<A; cat <<B
from a
A
from b
B
cat <<EOF | tr a-z A-Z
piped $name
EOF
x=$(cat <<EOF
inside subst
EOF
)
echo "$x"
big=$(i=0; while [ $i -lt 300 ]; do echo "line $i of a big here-document"; i=$((i+1)); done)
cat <<EOF | wc -l
$big
EOF
