using Cybernode.Dockerfile.Lint;
using Cybernode.Dockerfile.Syntax;

namespace Cybernode.Dockerfile.Tests;

public class DockerfileLinterTests
{
    private static List<string> Lint(string text) =>
        [.. DockerfileLinter.Lint(Parse.Ast(text), "Dockerfile").Select(w => w.ToString())];

    [Fact]
    public void Clean_file_has_no_findings()
    {
        Lint("ARG V=3.20\nFROM alpine:$V AS build\nWORKDIR /src\nCOPY . .\nRUN make\nFROM scratch\nCOPY --from=build /src/app /\nENTRYPOINT [\"/app\"]\n")
            .ShouldBeEmpty();
    }

    [Fact]
    public void Shell_form_cmd_and_entrypoint_recommend_json()
    {
        Lint("FROM a\nENTRYPOINT my-app start\n").ShouldBe(
            ["Dockerfile:2: [JSONArgsRecommended] JSON arguments recommended for ENTRYPOINT to prevent unintended behavior related to OS signals"]);
    }

    [Fact]
    public void Explicit_shell_silences_json_args_recommendation_also_in_derived_stages()
    {
        Lint("FROM a AS base\nSHELL [\"/bin/bash\", \"-c\"]\nCMD echo hi\nFROM base\nCMD echo again\n").ShouldBeEmpty();
    }

    [Fact]
    public void Maintainer_is_deprecated()
    {
        Lint("FROM a\nMAINTAINER me\n").ShouldBe(["Dockerfile:2: [MaintainerDeprecated] Maintainer instruction is deprecated in favor of using label"]);
    }

    [Fact]
    public void From_using_an_undeclared_arg_is_reported_with_a_suggestion()
    {
        Lint("ARG VERSION=1\nFROM alpine:$VERSON\n").ShouldBe(
            ["Dockerfile:2: [UndefinedArgInFrom] FROM argument 'VERSON' is not declared (did you mean VERSION?)"]);
    }

    [Fact]
    public void Predefined_platform_args_and_declared_args_without_default_count_as_declared()
    {
        Lint("ARG TAG\nFROM --platform=$BUILDPLATFORM golang:${TAG} AS build\nFROM --platform=${TARGETPLATFORM} alpine\n").ShouldBeEmpty();
        Lint("FROM --platform=$PLATFORM alpine\n").ShouldBe(["Dockerfile:1: [UndefinedArgInFrom] FROM argument 'PLATFORM' is not declared"]);
    }

    [Fact]
    public void Stage_names_should_be_lower_case()
    {
        Lint("FROM a AS Build\n").ShouldBe(["Dockerfile:1: [StageNameCasing] Stage name 'Build' should be lowercase"]);
    }

    [Fact]
    public void As_keyword_should_match_the_from_keyword_casing()
    {
        Lint("FROM a as build\n").ShouldBe(["Dockerfile:1: [FromAsCasing] 'as' and 'FROM' keywords' casing do not match"]);
        Lint("from a AS build\n").ShouldBe(["Dockerfile:1: [FromAsCasing] 'AS' and 'from' keywords' casing do not match"]);
    }

    [Fact]
    public void Duplicate_stage_names_are_reported_at_the_second_stage()
    {
        Lint("FROM a AS x\nFROM b AS X\n").ShouldBe(
        [
            "Dockerfile:2: [StageNameCasing] Stage name 'X' should be lowercase",
            "Dockerfile:2: [DuplicateStageName] Duplicate stage name \"x\", stage names should be unique",
        ]);
    }

    [Fact]
    public void Reserved_stage_names_are_reported()
    {
        Lint("FROM a AS scratch\nFROM b AS context\n").ShouldBe(
        [
            "Dockerfile:1: [ReservedStageName] Stage name should not use the same name as reserved stage \"scratch\"",
            "Dockerfile:2: [ReservedStageName] Stage name should not use the same name as reserved stage \"context\"",
        ]);
    }

    [Fact]
    public void Empty_continuation_lines_are_reported()
    {
        Lint("FROM a\nRUN apk add \\\n\n    curl\n").ShouldBe(["Dockerfile:4: [NoEmptyContinuation] Empty continuation line"]);
    }

    [Fact]
    public void Instructions_should_follow_the_majority_casing()
    {
        Lint("FROM a\nRUN x\nrun y\nCopy a b\n").ShouldBe(
        [
            "Dockerfile:3: [ConsistentInstructionCasing] Command 'run' should match the case of the command majority (uppercase)",
            "Dockerfile:4: [ConsistentInstructionCasing] Command 'Copy' should match the case of the command majority (uppercase)",
        ]);
        Lint("from a\nrun x\nRUN y\n").ShouldBe(
            ["Dockerfile:3: [ConsistentInstructionCasing] Command 'RUN' should match the case of the command majority (lowercase)"]);
    }

    [Fact]
    public void Repeated_cmd_entrypoint_or_healthcheck_in_a_stage_reports_the_ignored_one()
    {
        Lint("FROM a\nCMD [\"a\"]\nHEALTHCHECK NONE\nCMD [\"b\"]\nHEALTHCHECK CMD [\"true\"]\nFROM b\nCMD [\"c\"]\n").ShouldBe(
        [
            "Dockerfile:2: [MultipleInstructionsDisallowed] Multiple CMD instructions should not be used in the same stage because only the last one will be used",
            "Dockerfile:3: [MultipleInstructionsDisallowed] Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used",
        ]);
    }

    [Fact]
    public void First_workdir_of_a_stage_should_be_absolute()
    {
        Lint("FROM a\nWORKDIR app\nWORKDIR sub\nFROM b\nWORKDIR /srv\nWORKDIR rel\n").ShouldBe(
            ["Dockerfile:2: [WorkdirRelativePath] Relative workdir \"app\" can have unexpected results if the base image changes"]);
    }

    [Fact]
    public void Check_directive_skips_named_checks_or_all()
    {
        Lint("# check=skip=JSONArgsRecommended,MaintainerDeprecated\nFROM a\nMAINTAINER me\nCMD run\nWORKDIR rel\n").ShouldBe(
            ["Dockerfile:5: [WorkdirRelativePath] Relative workdir \"rel\" can have unexpected results if the base image changes"]);
        Lint("# check=skip=all\nFROM a\nMAINTAINER me\n").ShouldBeEmpty();
    }

    [Fact]
    public void Check_directive_can_turn_findings_into_errors()
    {
        var warnings = DockerfileLinter.Lint(Parse.Ast("# check=error=true\nFROM a\nCMD run\n"), null);

        warnings.ShouldHaveSingleItem().IsError.ShouldBeTrue();
        warnings[0].ToString().ShouldStartWith("Dockerfile:3: [JSONArgsRecommended]");
        DockerfileLinter.Lint(Parse.Ast("FROM a\nCMD run\n"), "x").ShouldHaveSingleItem().IsError.ShouldBeFalse();
    }

    [Fact]
    public void Malformed_check_directive_is_rejected_at_its_line()
    {
        var error = Should.Throw<DockerfileSyntaxException>(() => DockerfileLinter.Lint(Parse.Ast("# check=bogus\nFROM a\n"), "Dockerfile"));

        error.Line.ShouldBe(1);
        error.Reason.ShouldBe("invalid check option \"bogus\"");
    }

    [Fact]
    public void Legacy_key_value_form_of_env_and_label_is_reported()
    {
        Lint("FROM scratch\nENV PATH $PATH:/x\nLABEL a b\nENV OK=1\nLABEL x=y\n").ShouldBe(
        [
            "Dockerfile:2: [LegacyKeyValueFormat] \"ENV key=value\" should be used instead of legacy \"ENV key value\" format",
            "Dockerfile:3: [LegacyKeyValueFormat] \"LABEL key=value\" should be used instead of legacy \"LABEL key value\" format",
        ]);
    }

    [Fact]
    public void A_variable_neither_arg_nor_env_is_undefined_where_the_base_is_known()
    {
        Lint("FROM scratch\nARG A\nENV B=$A C=$NOPE D=$B\nCOPY $B /\nWORKDIR /$PAHT\n").ShouldBe(
        [
            "Dockerfile:3: [UndefinedVar] Usage of undefined variable '$NOPE'",
            "Dockerfile:3: [UndefinedVar] Usage of undefined variable '$B' (did you mean $A?)",
            "Dockerfile:5: [UndefinedVar] Usage of undefined variable '$PAHT' (did you mean $PATH?)",
        ]);
    }

    [Fact]
    public void Env_passes_to_a_derived_stage_but_arg_and_global_args_do_not()
    {
        Lint("ARG VERSION=1\nFROM scratch AS a\nARG FLAVOR\nENV PREFIX=/opt\nFROM a\nCOPY ${FLAVOR} ${PREFIX} $VERSION /\n").ShouldBe(
        [
            "Dockerfile:6: [UndefinedVar] Usage of undefined variable '$FLAVOR'",
            "Dockerfile:6: [UndefinedVar] Usage of undefined variable '$VERSION'",
        ]);
        Lint("ARG VERSION=1\nFROM scratch\nARG VERSION\nCOPY $VERSION /\n").ShouldBeEmpty();
    }

    [Fact]
    public void On_an_unknown_base_only_a_likely_typo_is_an_undefined_variable()
    {
        Lint("FROM python\nARG VERSION=$PYTHON_VERSION\nENV PATH=$PAHT:/app/bin\n").ShouldBe(
            ["Dockerfile:3: [UndefinedVar] Usage of undefined variable '$PAHT' (did you mean $PATH?)"]);
    }

    [Fact]
    public void Variables_the_shell_expands_or_that_are_quoted_or_escaped_are_not_checked()
    {
        Lint("FROM scratch\nRUN echo $HOME\nCMD echo $HOME\nENV A='$B' C=\\$D\n").ShouldBeEmpty();
    }

    [Fact]
    public void Secret_sounding_arg_and_env_names_are_reported_as_BuildKit_reads_them()
    {
        Lint("ARG GITHUB_TOKEN\nFROM scratch\nARG AWS_SECRET_ACCESS_KEY=\nENV DB_PASSWORD=x PUBLIC_KEY=y MONKEY=z AUTHOR=me\n").ShouldBe(
        [
            "Dockerfile:1: [SecretsUsedInArgOrEnv] Do not use ARG or ENV instructions for sensitive data (ARG \"GITHUB_TOKEN\")",
            "Dockerfile:3: [SecretsUsedInArgOrEnv] Do not use ARG or ENV instructions for sensitive data (ARG \"AWS_SECRET_ACCESS_KEY\")",
            "Dockerfile:4: [SecretsUsedInArgOrEnv] Do not use ARG or ENV instructions for sensitive data (ENV \"DB_PASSWORD\")",
        ]);
    }

    [Theory]
    [InlineData("cp -v /out/* /build")]
    [InlineData("app --config $CONFIG")]
    [InlineData("prepare && exec app")]
    [InlineData("app || fallback")]
    [InlineData("a; b")]
    [InlineData("app | tee /log")]
    [InlineData("app > /log 2>&1")]
    public void Json_args_are_not_recommended_for_a_command_that_needs_a_shell(string command)
    {
        Lint($"FROM a\nCMD {command}\n").ShouldBeEmpty();
        Lint($"FROM a\nENTRYPOINT {command}\n").ShouldBeEmpty();
    }
}
